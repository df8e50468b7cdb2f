import type { BrowserContext, Page, Response } from "@playwright/test";
import { expect, test } from "./fixtures";
import { newAddress, signInForm, verifiedAccount } from "./people";

const cookieName = "timetracker_refresh";

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await signInForm(page, email);
  await expectSignedIn(page);
}

async function expectSignedIn(page: Page): Promise<void> {
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

async function refreshCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === cookieName);
}

/** Every answer of sign-in and refresh that the pages of `context` receive, as the page's script would read it. */
function authAnswers(context: BrowserContext): { answers: Promise<{ url: string; body: string; setCookie: string | null }>[] } {
  const answers: Promise<{ url: string; body: string; setCookie: string | null }>[] = [];
  context.on("response", (response: Response) => {
    if (!/\/api\/v1\/auth\/(login|login\/2fa|refresh)$/.test(response.url())) return;
    answers.push(Promise.all([response.text(), response.headerValue("set-cookie")]).then(([body, setCookie]) => ({ url: response.url(), body, setCookie })));
  });
  return { answers };
}

test("a reload and a second tab stay signed in, tabs refreshing together sign nobody out, and signing out signs out every tab", async ({
  page,
  context,
  stack,
  playwright,
}) => {
  const email = await verifiedAccount(page.request, stack, "Hedy Lamarr", newAddress("session"));
  await signIn(page, email);

  await page.reload();
  await expectSignedIn(page);

  const other = await context.newPage();
  await other.goto("/account");
  await expectSignedIn(other);
  await expect(other).toHaveURL(/\/account$/);

  // Both tabs restore at the same moment, twice: each refresh rotates the shared cookie, and a cookie presented twice
  // would end the sign-in. The tabs take turns, so both stay signed in, and stay so on their next loads.
  for (let round = 0; round < 2; round++) {
    await Promise.all([page.reload(), other.reload()]);
    await Promise.all([expectSignedIn(page), expectSignedIn(other)]);
  }
  await page.reload();
  await expectSignedIn(page);
  await other.reload();
  await expectSignedIn(other);

  const before = await refreshCookie(context);
  expect(before?.value).toBeTruthy();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // The other tab hears of it at once, without a reload.
  await expect(other.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(other).toHaveURL(/\/sign-in\?next=%2Faccount$/);
  await expect.poll(() => refreshCookie(context)).toBeUndefined();

  // The sign-in ended on the server: the cookie the browser held is refused.
  const outsider = await playwright.request.newContext({ baseURL: stack.baseURL });
  const replay = await outsider.post("/api/v1/auth/refresh", {
    headers: { "X-TimeTracker-Session": "cookie", Cookie: `${cookieName}=${before!.value}` },
    data: {},
  });
  expect(replay.status()).toBe(401);
  await outsider.dispose();

  // And a reload stays signed out.
  await other.reload();
  await expect(other.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("no token is readable from page script, and the cookie is HttpOnly, SameSite=Strict and on the auth path only", async ({ page, context, stack }) => {
  const email = await verifiedAccount(page.request, stack, "Hedy Lamarr", newAddress("session"));
  const recorded = authAnswers(context);
  await signIn(page, email);
  await page.reload();
  await expectSignedIn(page);

  const readable = await page.evaluate(() => ({
    local: Object.keys(localStorage).length,
    session: Object.keys(sessionStorage).length,
    cookie: document.cookie,
  }));
  expect(readable).toEqual({ local: 0, session: 0, cookie: "" });

  const cookie = await refreshCookie(context);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/v1/auth", secure: false });
  // It lasts as long as the refresh token (14 days), not just the browser session.
  expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(13.9 * 24 * 3600 * 1000);

  // The JSON answers the page received carry the access token only; the refresh token came as the HttpOnly cookie.
  const answers = await Promise.all(recorded.answers);
  expect(answers.map((answer) => new URL(answer.url).pathname)).toEqual(["/api/v1/auth/login", "/api/v1/auth/refresh"]);
  for (const answer of answers) {
    expect(Object.keys(JSON.parse(answer.body)).sort()).toEqual(["accessToken", "expiresIn", "tokenType"]);
    expect(answer.body).not.toContain(cookie!.value);
    expect(answer.setCookie?.toLowerCase()).toMatch(/^timetracker_refresh=[^;]+; max-age=1209600; path=\/api\/v1\/auth; samesite=strict; httponly$/);
  }

  // A request that uses the cookie without the session header (what a forged cross-site request would be) is refused.
  const forged = await page.evaluate(async () => {
    const response = await fetch("/api/v1/auth/refresh", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    return { status: response.status, body: await response.json() };
  });
  expect(forged.status).toBe(403);
  expect(forged.body.title).toBe("Session header missing");
  // Nothing was rotated or revoked: the page still restores its session.
  await page.reload();
  await expectSignedIn(page);
});
