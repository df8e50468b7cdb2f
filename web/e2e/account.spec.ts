import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { APIRequestContext, Page } from "@playwright/test";
import { readQrPath } from "../src/test/qr";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { newAddress, password, signInForm, verifiedAccount as newAccount } from "./people";
import type { Stack } from "./stack";

// The browser's zone: a new account has UTC, and the profile offers this one instead.
test.use({ timezoneId: "Europe/Berlin" });


/** A new account with its address confirmed (2FA needs it), made through the API. */
function verifiedAccount(request: APIRequestContext, stack: Stack, name: string): Promise<string> {
  return newAccount(request, stack, name, newAddress("account"));
}

async function signIn(page: Page, email: string, secret: string): Promise<void> {
  if (!page.url().includes("/sign-in")) await page.goto("/sign-in");
  await signInForm(page, email, secret);
}

const signedIn = (page: Page) => expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

/** Within the app (a reload would sign out until the refresh token lives in a cookie). */
async function openAccount(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByLabel("Name")).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

/** What the server has, read with a sign-in of its own (as a script would). */
async function profileOf(request: APIRequestContext, email: string, secret: string) {
  const login = await request.post("/api/v1/auth/login", { data: { email, password: secret } });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return (await (await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${accessToken}` } })).json()) as Record<string, unknown>;
}

// RFC 6238 as the server computes it (docs/api.md): HMAC-SHA-1 over the 30-second step, 6 digits.
function base32(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of text.replace(/[\s=]/g, "").toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  return Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
}

function totp(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/**
 * An authenticator app. The server takes each step's code once, and no earlier step's after it, but allows one step
 * of drift: so each code is the current step's or, when that one was used, the next one's; it waits only when both were.
 */
function authenticator(secret: string) {
  let last = -1;
  return async (): Promise<string> => {
    for (;;) {
      const now = Math.floor(Date.now() / 30_000);
      const step = Math.max(now, last + 1);
      if (step <= now + 1) {
        last = step;
        return totp(secret, step);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
}

test("change the profile and the time zone, found by typing", async ({ page, request, stack }, testInfo) => {
  const email = await verifiedAccount(request, stack, "Ada Lovelace");
  await signIn(page, email, password);
  await signedIn(page);
  await openAccount(page);

  const zone = page.getByRole("combobox", { name: "Time zone" });
  await expect(zone).toHaveValue("Europe/Berlin");
  await expect(zone).toHaveAccessibleDescription(/still has UTC/);
  await expectAccessible(page);
  await photograph(page, testInfo, "account-profile");

  await page.getByLabel("Name").fill("Ada King");
  await page.getByLabel("Default hourly rate").fill("12.345");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByLabel("Default hourly rate")).toHaveAccessibleDescription(/at most two decimals/);
  await expectAccessible(page);
  await photograph(page, testInfo, "account-profile-invalid");
  await page.getByLabel("Default hourly rate").fill("85.50");

  await zone.fill("new york");
  await expect(page.getByRole("option", { name: /America\/New_York/ })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "account-time-zone-search");
  await page.keyboard.press("Enter");
  await expect(zone).toHaveValue("America/New_York");

  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("region", { name: "Profile" }).getByRole("status")).toHaveText("Your profile is saved.");
  expect(await profileOf(request, email, password)).toMatchObject({ name: "Ada King", timeZone: "America/New_York", defaultHourlyRate: 85.5 });
});

test("change the password, and sign in with the new one", async ({ page, request, stack }, testInfo) => {
  const email = await verifiedAccount(request, stack, "Grace Hopper");
  await signIn(page, email, password);
  await signedIn(page);
  await openAccount(page);

  const chosen = "harbor violet quantum 93 lantern";
  const section = page.getByRole("region", { name: "Password" });
  await section.getByLabel("Current password").fill(password);
  await section.getByLabel("New password", { exact: true }).fill(chosen);
  await section.getByLabel("New password, again").fill(chosen);
  await expect(section.getByRole("meter", { name: "Password strength" })).toHaveAttribute("aria-valuetext", /Strong|Very strong/);
  await section.getByRole("button", { name: "Change password" }).click();

  await expect(page.getByText("Your password is changed, and every device was signed out.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expectAccessible(page);
  await photograph(page, testInfo, "sign-in-after-password-change");
  expect((await request.post("/api/v1/auth/login", { data: { email, password } })).status()).toBe(401);

  await signIn(page, email, chosen);
  await signedIn(page);
});

test("enable 2FA, then sign in with a code and with a backup code (once), replace the codes and turn it off", async ({ page, request, stack }, testInfo) => {
  // Codes of successive 30-second steps: the last ones may wait for the clock.
  test.setTimeout(240_000);
  const email = await verifiedAccount(request, stack, "Katherine Johnson");
  await signIn(page, email, password);
  await signedIn(page);
  await openAccount(page);

  const twoFactor = page.getByRole("region", { name: "Two-step verification" });
  await expect(twoFactor.getByText("Off", { exact: true })).toBeVisible();
  await twoFactor.getByRole("button", { name: "Set up two-step verification" }).click();
  await twoFactor.getByLabel("Password").fill(password);
  await twoFactor.getByRole("button", { name: "Continue" }).click();
  const qr = twoFactor.getByRole("img", { name: /QR code to add TimeTracker/ });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((element) => element.tagName.toLowerCase())).toBe("svg");
  await expectAccessible(page);
  await photograph(page, testInfo, "account-2fa-setup");

  const secret = (await twoFactor.locator("[data-secret]").getAttribute("data-secret"))!;
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  // What a phone's camera reads from the drawing: the server's otpauth URI, with the key shown beside it.
  const scanned = new URL(readQrPath((await qr.locator("path").getAttribute("d"))!, Number(await qr.getAttribute("data-modules"))));
  expect(scanned.protocol).toBe("otpauth:");
  expect(scanned.searchParams.get("secret")).toBe(secret);
  expect(scanned.searchParams.get("algorithm") ?? "SHA1").toBe("SHA1");
  expect(scanned.searchParams.get("digits") ?? "6").toBe("6");
  expect(scanned.searchParams.get("period") ?? "30").toBe("30");
  await expect(twoFactor.getByText(secret.replace(/(.{4})(?=.)/g, "$1 "))).toBeVisible();
  const nextCode = authenticator(secret);
  await twoFactor.getByLabel("Code from your app").fill(await nextCode());
  await twoFactor.getByRole("button", { name: "Turn on" }).click();

  const list = twoFactor.getByRole("list", { name: "Backup codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const codes = (await list.getByRole("listitem").allTextContents()).map((code) => code.trim());
  await expectAccessible(page);
  await photograph(page, testInfo, "account-2fa-backup-codes");
  const downloading = page.waitForEvent("download");
  await twoFactor.getByRole("link", { name: "Download .txt" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("timetracker-backup-codes.txt");
  const file = await readFile((await download.path())!, "utf8");
  for (const code of codes) expect(file).toContain(code);
  expect(file).toContain(email);

  await twoFactor.getByRole("button", { name: "I have saved my codes" }).click();
  await expect(twoFactor.getByText("On", { exact: true })).toBeVisible();
  await expect(list).toHaveCount(0);
  await expectAccessible(page);
  await photograph(page, testInfo, "account-2fa-on");

  // A code from the app.
  await signOut(page);
  await signIn(page, email, password);
  await expect(page.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(await nextCode());
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await signedIn(page);

  // A backup code works once.
  await signOut(page);
  await signIn(page, email, password);
  await page.getByRole("button", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await signedIn(page);
  await signOut(page);
  await signIn(page, email, password);
  await page.getByRole("button", { name: "Use a backup code" }).click();
  await page.getByLabel("Backup code").fill(codes[0]!);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
  await photograph(page, testInfo, "sign-in-backup-code-used");
  await page.getByLabel("Backup code").fill(codes[1]!.toUpperCase());
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await signedIn(page);

  // New backup codes: the old ones stop working.
  await openAccount(page);
  await twoFactor.getByRole("button", { name: "Replace backup codes" }).click();
  await twoFactor.getByLabel("Password").fill(password);
  await twoFactor.getByLabel("Code from your app").fill(await nextCode());
  await twoFactor.getByRole("button", { name: "Make new codes" }).click();
  await expect(twoFactor.getByRole("heading", { name: "Your new backup codes" })).toBeVisible();
  const fresh = (await list.getByRole("listitem").allTextContents()).map((code) => code.trim());
  expect(fresh).toHaveLength(10);
  expect(fresh.filter((code) => codes.includes(code))).toEqual([]);
  await twoFactor.getByRole("button", { name: "I have saved my codes" }).click();

  // Turning it off signs every device out; then the password alone signs in.
  await twoFactor.getByRole("button", { name: "Turn off" }).click();
  await twoFactor.getByLabel("Password").fill(password);
  await twoFactor.getByLabel("Code from your app").fill(await nextCode());
  await twoFactor.getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByText("Two-step verification is off, and every device was signed out.")).toBeVisible();
  await signIn(page, email, password);
  await signedIn(page);
  await openAccount(page);
  await expect(twoFactor.getByText("Off", { exact: true })).toBeVisible();
});

test("sign out everywhere ends the other sessions too", async ({ page, request, stack }, testInfo) => {
  const email = await verifiedAccount(request, stack, "Mary Jackson");
  // Another device: a script's sign-in, with its own refresh token.
  const elsewhere = (await (await request.post("/api/v1/auth/login", { data: { email, password } })).json()) as { refreshToken: string };
  await signIn(page, email, password);
  await signedIn(page);
  await openAccount(page);

  const sessions = page.getByRole("region", { name: "Sessions" });
  await sessions.getByRole("button", { name: "Sign out everywhere…" }).click();
  await expect(sessions.getByText(/Sign out of every device and browser/)).toBeFocused();
  await expectAccessible(page);
  await photograph(page, testInfo, "account-sign-out-everywhere");
  await sessions.getByRole("button", { name: "Yes, sign out everywhere" }).click();

  await expect(page.getByText("You are signed out everywhere")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await photograph(page, testInfo, "sign-in-after-sign-out-everywhere");
  expect((await request.post("/api/v1/auth/refresh", { data: { refreshToken: elsewhere.refreshToken } })).status()).toBe(401);
});
