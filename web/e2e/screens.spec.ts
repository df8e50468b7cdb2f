import { expect, expectAccessible, photograph, tabOrder, test } from "./fixtures";

// The signed-out screens: each renders, passes axe, is reachable and usable by keyboard, and is photographed.
const screens = [
  { path: "/sign-in", heading: "Sign in", name: "sign-in" },
  { path: "/sign-up", heading: "Create your account", name: "sign-up" },
  { path: "/forgot-password", heading: "Forgot your password?", name: "forgot-password" },
  { path: "/reset-password?token=unused", heading: "Choose a new password", name: "reset-password" },
  { path: "/verify-email", heading: "This link is incomplete", name: "verify-email-without-token" },
  { path: "/accept-invitation?token=unused", heading: "You are invited", name: "accept-invitation" },
  { path: "/no/such/page", heading: "Page not found", name: "not-found" },
];

for (const screen of screens) {
  test(`${screen.name} renders, passes axe and is photographed`, async ({ page }, testInfo) => {
    await page.goto(screen.path);
    await expect(page.getByRole("heading", { level: 1, name: screen.heading })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`${screen.heading.replace(/[?]/g, "\\?")} · TimeTracker`));
    await expectAccessible(page);
    await photograph(page, testInfo, screen.name);
  });
}

test("sign-in is reachable and usable by keyboard alone, with errors next to their fields", async ({ page }, testInfo) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(await tabOrder(page, 6)).toEqual(["Skip to content", "TimeTracker", "Email", "Password", "Forgot your password?", "Sign in"]);

  await page.keyboard.press("Enter");
  const email = page.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Enter your email address.");
  await expect(email).toBeFocused();
  await expectAccessible(page);
  await photograph(page, testInfo, "sign-in-errors");
});

test("the skip link takes keyboard users past the header to the form", async ({ page }) => {
  await page.goto("/sign-up");
  // The route's code loads after the document: a Tab pressed before the form is there lands elsewhere.
  await expect(page.getByLabel("Your name")).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Your name")).toBeFocused();
});

test("the app shell asks a signed-out visitor to sign in and comes back after", async ({ page }) => {
  await page.goto("/orgs/9/billing");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Forgs%2F9%2Fbilling$/);
});

test("the server answers the app with the strict policy and the page runs under it", async ({ page, guard }) => {
  const response = await page.goto("/sign-in");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("script-src 'self';");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["cache-control"]).toBe("no-cache");
  // An injected inline script must not run (the guard fixture fails every other test on any violation the app causes).
  guard.allowViolations();
  const ran = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__injected = true";
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
});
