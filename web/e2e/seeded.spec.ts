import type { Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { signInForm } from "./people";
import { seedOrganization, type SeededOrganization } from "./seed";

// Every screen of an organization with realistic data (issue 20, "Screenshots"): the seeded organization of 12 people,
// 8 clients, 30 projects and six months of entries, photographed at both sizes, for the owner and for a member, and
// checked with axe. Seeding through the API takes a while, so one organization serves the whole file.

let seeded: SeededOrganization;
test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ stack, playwright }) => {
  test.setTimeout(300_000);
  const request = await playwright.request.newContext({ baseURL: stack.baseURL });
  const started = Date.now();
  seeded = await seedOrganization(request, stack);
  console.log(`seeded ${seeded.entries} entries of ${seeded.members.length + 1} people in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await request.dispose();
});

/** Signs in through the form and opens the organization's My time. */
async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`/orgs/${seeded.orgId}/time`);
  await signInForm(page, email);
  await expect(page.getByRole("region", { name: "Timer" })).toBeVisible();
}

/** Opens each page of the organization's navigation in turn, waits for its data, checks it and photographs it. */
async function visitEveryPage(page: Page, who: string, testInfo: Parameters<Parameters<typeof test>[2]>[1]): Promise<string[]> {
  const navigation = page.getByRole("navigation", { name: /pages$/ });
  const labels = await navigation.getByRole("link").allTextContents();
  for (const label of labels) {
    await navigation.getByRole("link", { name: label, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Every page says "Loading…" (or "Loading the week…") until its data is there, and some mark busy regions.
    await expect(page.getByText(/^Loading\b/)).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator("[aria-busy='true']")).toHaveCount(0, { timeout: 30_000 });
    await expectAccessible(page);
    await photograph(page, testInfo, `seeded-${who}-${label.toLowerCase()}`);
  }
  return labels;
}

test("the owner's every screen of the seeded organization, checked and photographed", async ({ page }, testInfo) => {
  await signIn(page, seeded.owner.email);
  await photograph(page, testInfo, "seeded-owner-my-time");
  expect(await visitEveryPage(page, "owner", testInfo)).toEqual([
    "Timesheet",
    "Calendar",
    "Reports",
    "Invoices",
    "Projects",
    "Members",
    "Approvals",
    "Settings",
    "Billing",
  ]);
});

test("a member's screens of the seeded organization show no admin page", async ({ page }, testInfo) => {
  const member = seeded.members.find((m) => m.role === "member")!;
  await signIn(page, member.email);
  expect(await visitEveryPage(page, "member", testInfo)).toEqual(["Timesheet", "Calendar", "Reports"]);
  for (const adminPage of ["invoices", "catalogue", "members", "approvals", "settings", "billing"]) {
    await page.goto(`/orgs/${seeded.orgId}/${adminPage}`);
    await expect(page.getByRole("heading", { level: 1, name: / is for (admins and owners|owners)$/ })).toBeVisible();
  }
});
