import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, invitedMember, newAddress, signInForm, verifiedAccount } from "./people";
import type { Stack } from "./stack";

// Billing (issue 20, screen 6) against the real server and the Stripe stand-in (tests/StripeStandIn): Checkout's page is
// the stand-in's, and Stripe's events reach the webhook signed with its secret, when the test says so.

interface Owner {
  email: string;
  token: string;
  orgId: number;
}

type Billing = { status: string | null; seats: { used: number; paid: number | null }; nextBillingDate: string | null };
type Organization = { billingStatus: string | null; readOnly: boolean };

/** An owner of a new organization with a member who joined by invitation: two seats. */
async function ownerWithTeam(request: APIRequestContext, stack: Stack, name: string): Promise<Owner & { member: { email: string; token: string } }> {
  const email = await verifiedAccount(request, stack, "Grace Hopper", newAddress("billing"));
  const token = await apiToken(request, email);
  const org = await api<{ id: number }>(request, token, "POST", "/api/v1/orgs", { name });
  const member = await invitedMember(request, stack, token, org.id, "member", "Ada Lovelace");
  return { email, token, orgId: org.id, member };
}

/** Opens `path` signed in as `email` (the app asks to sign in, then comes back to it). */
async function openSignedIn(page: Page, path: string, email: string): Promise<void> {
  await page.goto(path);
  const signIn = page.getByRole("heading", { name: "Sign in" });
  const timer = page.getByRole("region", { name: "Timer" });
  await expect(timer.or(signIn)).toBeVisible();
  if (await signIn.isVisible()) await signInForm(page, email);
  await expect(timer).toBeVisible();
}

/** The fact of the billing summary named `name`. */
const fact = (page: Page, name: string) => page.locator("dt", { hasText: new RegExp(`^${name}$`) }).locator("xpath=following-sibling::dd");

/** Waits until the server has applied Stripe's events (its worker does so after each delivery). */
async function organizationBecomes(request: APIRequestContext, owner: Owner, wanted: Partial<Organization>): Promise<void> {
  await expect
    .poll(async () => {
      const org = await api<Organization>(request, owner.token, "GET", `/api/v1/orgs/${owner.orgId}`);
      return Object.entries(wanted).every(([key, value]) => org[key as keyof Organization] === value);
    })
    .toBe(true);
}

test("the owner subscribes through Checkout, Stripe's events arrive, and Billing shows the subscription active", async ({ page, request, stack }, testInfo) => {
  const owner = await ownerWithTeam(request, stack, "Hopper Compilers");
  await openSignedIn(page, `/orgs/${owner.orgId}/billing`, owner.email);

  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(fact(page, "Status")).toHaveText("No subscription");
  await expect(fact(page, "Seats")).toHaveText("2 used");
  await expect(page.getByText("Plan: Team, €8.50 per seat per month")).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "billing-subscribe");

  // Subscribe: the server starts the Checkout, and the browser leaves for Stripe's (the stand-in's) page.
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.waitForURL(`${stack.stripe.baseURL}/c/pay/**`);
  await expect(page.getByText("Subscribe to price_team_monthly, 2 seat(s).")).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();

  // Back at the success URL before Stripe's events: the page says it is confirming, and asks until they are in.
  await page.waitForURL(new RegExp(`/orgs/${owner.orgId}/billing\\?checkout=success&session_id=cs_test_\\w+$`));
  await expect(page.getByText("Confirming your payment…")).toBeVisible();
  const sessionId = new URL(page.url()).searchParams.get("session_id")!;
  const sent = await stack.stripe.sendEvents(sessionId);
  expect(sent.map(({ type, status }) => ({ type, status }))).toEqual([
    { type: "checkout.session.completed", status: 200 },
    { type: "customer.subscription.created", status: 200 },
  ]);

  await expect(page.getByText("Your subscription is active")).toBeVisible();
  await expect(fact(page, "Status")).toHaveText("Active");
  await expect(fact(page, "Plan")).toHaveText("Team, €8.50 per seat per month");
  await expect(fact(page, "Seats")).toHaveText("2 used of 2 paid");
  const billing = await api<Billing>(request, owner.token, "GET", `/api/v1/orgs/${owner.orgId}/billing`);
  expect(billing.status).toBe("active");
  const nextBilling = new Intl.DateTimeFormat("en-US", { dateStyle: "long" }).format(new Date(billing.nextBillingDate!));
  await expect(fact(page, "Next billing date")).toHaveText(nextBilling);
  await expect(page.getByRole("button", { name: "Manage billing" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Subscribe" })).toHaveCount(0);
  await expectAccessible(page);
  await photograph(page, testInfo, "billing-active");

  // Manage billing opens the (stand-in's) portal, whose link returns to Billing.
  await page.getByRole("button", { name: "Manage billing" }).click();
  await page.waitForURL(`${stack.stripe.baseURL}/p/session/**`);
  await page.getByRole("link", { name: "Return" }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${owner.orgId}/billing$`));
  await expect(fact(page, "Status")).toHaveText("Active");
});

test("a past-due organization warns on every page; a canceled one is read-only and its timer cannot start", async ({ page, request, stack }, testInfo) => {
  const owner = await ownerWithTeam(request, stack, "Lapsing Looms");
  const checkout = await api<{ id: string }>(request, owner.token, "POST", `/api/v1/orgs/${owner.orgId}/billing/checkout`, {});
  await stack.stripe.sendEvents(checkout.id, "past_due");
  await organizationBecomes(request, owner, { billingStatus: "past_due" });

  await openSignedIn(page, `/orgs/${owner.orgId}/time`, owner.email);
  const notice = page.getByRole("region", { name: "Billing notice" });
  await expect(notice).toContainText("A payment failed");
  await expect(notice.getByRole("link", { name: "Go to Billing" })).toHaveAttribute("href", `/orgs/${owner.orgId}/billing`);
  await expectAccessible(page);
  await photograph(page, testInfo, "billing-banner-past-due");

  await stack.stripe.sendEvents(checkout.id, "canceled");
  await organizationBecomes(request, owner, { billingStatus: "canceled", readOnly: true });
  await page.reload();
  await expect(notice).toContainText("Lapsing Looms is read-only");
  await expect(notice).toContainText("You can still read everything and export reports and invoices");
  const start = page.getByRole("region", { name: "Timer" }).getByRole("button", { name: "Start" });
  await expect(start).toHaveAttribute("aria-disabled", "true");
  await expect(start).toHaveAccessibleDescription(/cannot start while this organization is read-only/);
  // Pressed anyway (it stays in the tab order, aria-disabled): nothing starts.
  await start.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("timer", { name: "Timer stopped" })).toBeVisible();
  expect((await request.get(`/api/v1/orgs/${owner.orgId}/timer`, { headers: { Authorization: `Bearer ${owner.token}` } })).status()).toBe(204);
  await expectAccessible(page);
  await photograph(page, testInfo, "billing-banner-read-only");

  // The way back: Billing offers to subscribe again.
  await notice.getByRole("link", { name: "Go to Billing to resubscribe" }).click();
  await expect(fact(page, "Status")).toHaveText("Canceled");
  await expect(page.getByRole("button", { name: "Resubscribe" })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "billing-canceled");
});

test("a member never sees Billing, is told why at its address, and the API refuses them", async ({ page, request, stack }, testInfo) => {
  const owner = await ownerWithTeam(request, stack, "Members Only");
  await openSignedIn(page, `/orgs/${owner.orgId}/time`, owner.member.email);

  await expect(page.getByRole("navigation", { name: "Members Only pages" }).getByRole("link", { name: "Timesheet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Billing" })).toHaveCount(0);
  await page.goto(`/orgs/${owner.orgId}/billing`);
  await expect(page.getByRole("heading", { level: 1, name: "Billing is for owners" })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "billing-not-for-members");

  for (const [method, route] of [
    ["GET", "billing"],
    ["POST", "billing/checkout"],
    ["POST", "billing/portal"],
  ] as const) {
    const response = await request.fetch(`/api/v1/orgs/${owner.orgId}/${route}`, {
      method,
      headers: { Authorization: `Bearer ${owner.member.token}` },
      ...(method === "POST" ? { data: {} } : {}),
    });
    expect(response.status(), `${method} ${route}`).toBe(403);
  }
});
