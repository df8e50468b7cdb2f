import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { newAddress, password, signInForm, verifiedAccount } from "./people";
import type { Stack } from "./stack";

// Organizations in the browser: the welcome, creating one, the first-run guide, switching (remembered per person), the
// invitation link, and an organization that is not the person's. Every navigation after signing in stays inside the
// app: until the session survives reloads, a page.goto() would sign the person out.


/** A new, verified account (registered and verified through the API and the emailed link's token). */
function newPerson(request: APIRequestContext, stack: Stack, name: string): Promise<string> {
  return verifiedAccount(request, stack, name, newAddress("orgs"));
}

/** Fills the sign-in form the page shows. */
async function signIn(page: Page, email: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await signInForm(page, email);
}

/** Chooses `name` in the header's organization menu. */
async function switchTo(page: Page, current: string, name: string): Promise<void> {
  await page.getByRole("button", { name: `Organization: ${current}` }).click();
  await page.getByRole("menuitemradio", { name: new RegExp(`^${name},`) }).click();
}

test("a new person creates an organization from /, follows the first-run guide, adds a second, switches, and / reopens the last one", async ({
  page,
  request,
  stack,
}, testInfo) => {
  const email = await newPerson(request, stack, "Ada Lovelace");
  await page.goto("/");
  await signIn(page, email);

  await expect(page.getByRole("heading", { level: 1, name: "Create your organization" })).toBeVisible();
  await expect(page).toHaveURL(/\/orgs\/new$/);
  await expect(page.getByText("Welcome, Ada")).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "orgs-welcome");

  await page.getByLabel("Organization name").fill("Lovelace Analytics");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Get started" })).toBeVisible();
  const first = Number(/\/orgs\/(\d+)$/.exec(page.url())?.[1]);
  expect(first).toBeGreaterThan(0);
  await expectAccessible(page);
  await photograph(page, testInfo, "orgs-guide");

  await page.getByLabel("Client name").fill("Babbage & Co");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Add a client (done)" })).toBeVisible();
  await expect(page.getByLabel("Project name")).toBeFocused();
  await expect(page.getByLabel("Client", { exact: true })).toHaveValue(/\d+/);
  await page.getByLabel("Project name").fill("Difference Engine");
  await page.getByLabel("Hourly rate (optional)").fill("120");
  await page.getByRole("button", { name: "Add project" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Add a project (done)" })).toBeVisible();
  const start = page.getByRole("link", { name: "Start the timer" });
  await expect(start).toBeFocused();
  await expectAccessible(page);
  await photograph(page, testInfo, "orgs-guide-done");

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/orgs/${first}/time$`));
  // The timer bar's description field takes the focus once the timer slice gives it its id.
  if ((await page.locator("#timer-description").count()) > 0) await expect(page.locator("#timer-description")).toBeFocused();

  await page.getByRole("button", { name: "Organization: Lovelace Analytics" }).click();
  await expect(page.getByRole("menuitemradio", { name: /^Lovelace Analytics,/ })).toHaveAttribute("aria-checked", "true");
  await expectAccessible(page);
  await photograph(page, testInfo, "orgs-switcher-open");
  await page.getByRole("menuitem", { name: "New organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New organization" })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "orgs-new");
  await page.getByLabel("Organization name").fill("Zeta Works");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Get started" })).toBeVisible();
  const second = Number(/\/orgs\/(\d+)$/.exec(page.url())?.[1]);

  await switchTo(page, "Zeta Works", "Lovelace Analytics");
  await expect(page).toHaveURL(new RegExp(`/orgs/${first}/time$`));
  // By keyboard alone: open the menu, go down to the other organization, choose it.
  await page.getByRole("button", { name: "Organization: Lovelace Analytics" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menu")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitemradio", { name: /^Zeta Works,/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/orgs/${second}/time$`));

  // Signing out and in again: `/` opens the organization chosen last, not the first by name.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await signIn(page, email);
  await expect(page).toHaveURL(new RegExp(`/orgs/${second}/time$`));
  await expect(page.getByRole("button", { name: "Organization: Zeta Works" })).toBeVisible();
  const stored = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  expect(Object.values(stored), "only an organization id is remembered").toEqual([String(second)]);
});

test("the invitation link: opened signed out, signed in through, joined, and the organization opens; used again, it says so", async ({
  page,
  request,
  stack,
}, testInfo) => {
  const owner = await newPerson(request, stack, "Grace Hopper");
  const invitee = await newPerson(request, stack, "Katherine Johnson");
  const login = await request.post("/api/v1/auth/login", { data: { email: owner, password } });
  const headers = { Authorization: `Bearer ${(await login.json()).accessToken as string}` };
  const organization = await (await request.post("/api/v1/orgs", { headers, data: { name: "Hopper Labs" } })).json();
  const invited = await request.post(`/api/v1/orgs/${organization.id}/invitations`, { headers, data: { email: invitee, role: "member" } });
  expect(invited.status()).toBe(201);

  const link = await stack.mailbox.waitForLink(invitee, "/accept-invitation");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "You are invited" })).toBeVisible();
  await expect(page).toHaveURL(`${stack.baseURL}/accept-invitation`);
  await expectAccessible(page);
  await photograph(page, testInfo, "accept-invitation-signed-out");

  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccept-invitation$/);
  await signIn(page, invitee);
  await expect(page.getByRole("button", { name: "Join the organization" })).toBeVisible();
  await expect(page.getByText(`You are signed in as ${invitee}.`, { exact: false })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "accept-invitation-join");

  await page.getByRole("button", { name: "Join the organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${organization.id}$`));
  await expect(page.getByRole("button", { name: "Organization: Hopper Labs" })).toBeVisible();
  // A member of an organization without projects: its admins set those up; the timer is there at once.
  await expect(page.getByRole("heading", { level: 1, name: "Get started" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Start the timer" })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "orgs-guide-member");

  await page.goto(link);
  await page.getByRole("link", { name: "Sign in" }).click();
  await signIn(page, invitee);
  await page.getByRole("button", { name: "Join the organization" }).click();
  await expect(page.getByRole("alert")).toContainText("This invitation link no longer works");
  await expectAccessible(page);
  await photograph(page, testInfo, "accept-invitation-refused");
});

test("an organization that is not the person's is not found, with a way back", async ({ page, request, stack }, testInfo) => {
  const email = await newPerson(request, stack, "Mary Jackson");
  await page.goto(`/sign-in?next=${encodeURIComponent("/orgs/987654/time")}`);
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1, name: "Organization not found" })).toBeVisible();
  await expect(page).toHaveTitle("Organization not found · TimeTracker");
  await expectAccessible(page);
  await photograph(page, testInfo, "orgs-not-found");
  await page.getByRole("link", { name: "Go to your organizations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create your organization" })).toBeVisible();
});
