import type { Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { newAddress, password, signInForm } from "./people";

async function signIn(page: Page, email: string, secret: string): Promise<void> {
  await page.goto("/sign-in");
  await signInForm(page, email, secret);
}

test("sign up, open the emailed link, see it verified, sign in, and no token is readable from page script", async ({ page, stack }, testInfo) => {
  const email = newAddress("accounts");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await expect(page.getByRole("meter", { name: "Password strength" })).toHaveAttribute("aria-valuetext", /Strong|Very strong/);
  await photograph(page, testInfo, "sign-up-filled");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "sign-up-check-inbox");

  const link = await stack.mailbox.waitForLink(email, "/verify-email");
  expect(link.startsWith(stack.baseURL)).toBe(true);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Your email is confirmed" })).toBeVisible();
  // The token is taken out of the address bar once read.
  await expect(page).toHaveURL(`${stack.baseURL}/verify-email`);
  await expectAccessible(page);
  await photograph(page, testInfo, "verify-email-confirmed");

  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create your organization" })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "app-shell");

  const readable = await page.evaluate(() => ({
    local: Object.keys(localStorage).length,
    session: Object.keys(sessionStorage).length,
    cookie: document.cookie,
  }));
  expect(readable).toEqual({ local: 0, session: 0, cookie: "" });

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("an emailed verification link that was already used says so and offers a new one", async ({ page, stack }, testInfo) => {
  const email = newAddress("accounts");
  const response = await page.request.post("/api/v1/auth/register", { data: { email, password, name: "Grace Hopper" } });
  expect(response.status()).toBe(201);
  const link = await stack.mailbox.waitForLink(email, "/verify-email");
  expect((await page.request.post("/api/v1/auth/verify-email", { data: { token: new URL(link).searchParams.get("token") } })).status()).toBe(204);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "We could not confirm your email" })).toBeVisible();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "verify-email-failed");
});

test("a wrong password is refused with the server's message", async ({ page }, testInfo) => {
  await signIn(page, newAddress("accounts"), "not the password at all");
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "sign-in-refused");
});

test("forgot password, open the emailed reset link, choose a new password twice, and sign in with it", async ({ page, stack }, testInfo) => {
  const email = newAddress("accounts");
  await page.request.post("/api/v1/auth/register", { data: { email, password, name: "Katherine Johnson" } });
  const verify = await stack.mailbox.waitForLink(email, "/verify-email");
  await page.request.post("/api/v1/auth/verify-email", { data: { token: new URL(verify).searchParams.get("token") } });

  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByText("If that address has an account, a reset link is on its way.")).toBeVisible();
  await photograph(page, testInfo, "forgot-password-sent");

  const link = await stack.mailbox.waitForLink(email, "/reset-password");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  const chosen = "harbor violet quantum 93 lantern";
  await page.getByLabel("New password", { exact: true }).fill(chosen);
  await page.getByLabel("New password, again").fill(chosen + "x");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByLabel("New password, again")).toHaveAccessibleDescription("The two passwords differ.");
  await expectAccessible(page);
  await photograph(page, testInfo, "reset-password-mismatch");

  await page.getByLabel("New password, again").fill(chosen);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByRole("heading", { name: "Your password is changed" })).toBeVisible();
  await photograph(page, testInfo, "reset-password-done");

  await signIn(page, email, chosen);
  await expect(page.getByRole("heading", { level: 1, name: "Create your organization" })).toBeVisible();
});
