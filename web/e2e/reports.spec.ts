import { readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, invitedMember, newAddress, signInForm, verifiedAccount } from "./people";
import type { Stack } from "./stack";

// Reports (issue 20, screen 3) against the real server: an owner and a member with time last week, made through the API.

interface Team {
  orgId: number;
  owner: { email: string; token: string };
  member: { email: string; token: string };
  websiteId: number;
  from: string;
  to: string;
}

interface Totals {
  totalSeconds: number;
  totalHours: number;
  billableHours: number;
  billableAmount: number;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Monday to Sunday of last week, in UTC (both people's time zone here). */
function lastWeek(): { from: string; to: string; monday: Date } {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = new Date(today - (((now.getUTCDay() + 6) % 7) + 7) * 86_400_000);
  return { from: day(monday), to: day(new Date(monday.getTime() + 6 * 86_400_000)), monday };
}

async function setUp(request: APIRequestContext, stack: Stack): Promise<Team> {
  const ownerEmail = await verifiedAccount(request, stack, "Olga Owner", newAddress("reports"));
  const ownerToken = await apiToken(request, ownerEmail);
  await api(request, ownerToken, "PATCH", "/api/v1/me", { timeZone: "UTC", defaultHourlyRate: 50 });
  const org = await api<{ id: number }>(request, ownerToken, "POST", "/api/v1/orgs", { name: "Difference Engines" });
  const path = (route: string) => `/api/v1/orgs/${org.id}/${route}`;
  const globex = await api<{ id: number }>(request, ownerToken, "POST", path("clients"), { name: "Globex" });
  const website = await api<{ id: number }>(request, ownerToken, "POST", path("projects"), { name: "Website", clientId: globex.id, hourlyRate: 120 });
  const intranet = await api<{ id: number }>(request, ownerToken, "POST", path("projects"), { name: "Intranet" });
  const member = await invitedMember(request, stack, ownerToken, org.id, "member", "Max Member");
  await api(request, member.token, "PATCH", "/api/v1/me", { timeZone: "UTC", defaultHourlyRate: 40 });
  const { from, to, monday } = lastWeek();
  const at = (days: number, hour: number, minutes = 0) => new Date(monday.getTime() + ((days * 24 + hour) * 60 + minutes) * 60_000).toISOString();
  const entries: [string, number, number, number, number, number | null, string[], boolean][] = [
    // who, day, hour, minute, length in minutes, project, tags, billable
    [ownerToken, 0, 9, 0, 90, website.id, ["design"], true],
    [ownerToken, 1, 13, 0, 20, website.id, ["design", "meeting"], true],
    [ownerToken, 1, 15, 0, 45, intranet.id, [], true],
    [ownerToken, 3, 10, 0, 30, null, ["admin"], false],
    [member.token, 0, 10, 0, 125, website.id, ["design"], true],
    [member.token, 2, 8, 30, 50, intranet.id, ["meeting"], true],
    [member.token, 4, 16, 0, 7, website.id, [], true],
  ];
  for (const [token, d, h, m, length, projectId, tags, billable] of entries)
    await api(request, token, "POST", path("time-entries"), {
      startedAt: at(d, h, m),
      endedAt: at(d, h, m + length),
      projectId,
      tags,
      billable,
      description: `Work of day ${d + 1}`,
    });
  return { orgId: org.id, owner: { email: ownerEmail, token: ownerToken }, member, websiteId: website.id, from, to };
}

/** The API's summary totals of `query` (from, to and filters), as the person with `token` sees them. */
async function apiTotals(request: APIRequestContext, token: string, orgId: number, query: string): Promise<Totals> {
  return (await api<{ totals: Totals }>(request, token, "GET", `/api/v1/orgs/${orgId}/reports/summary?${query}`)).totals;
}

/** Opens `path` in a browser that has not signed in: the app asks to sign in and comes back to the report. */
async function open(page: Page, path: string, email: string): Promise<void> {
  await page.goto(path);
  const report = page.getByRole("heading", { name: "Reports", level: 1 });
  const signIn = page.getByRole("heading", { name: "Sign in" });
  await expect(report.or(signIn)).toBeVisible();
  if (await signIn.isVisible()) await signInForm(page, email);
  await expect(report).toBeVisible();
}

/** The breakdown's Total row: hours, billable hours and amount as the page shows them. */
async function shownTotals(page: Page): Promise<string[]> {
  const total = page.getByRole("table", { name: /Hours and amounts by/ }).locator("tfoot tr");
  await expect(total).toBeVisible();
  return total.locator("td").allTextContents();
}

const expected = (totals: Totals) => [totals.totalHours.toFixed(2), totals.billableHours.toFixed(2), money.format(totals.billableAmount)];

/** The last line of a downloaded CSV (its Total line), split on commas (no total field holds one). */
async function csvTotal(page: Page, button: string): Promise<{ name: string; total: string[] }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
  const text = readFileSync(await download.path(), "utf8");
  const lines = text.split("\r\n").filter((line) => line !== "");
  return { name: download.suggestedFilename(), total: lines[lines.length - 1]!.split(",") };
}

test("the owner's report shows the API's totals and amounts for the same filters, reloads from its address and downloads both CSVs", async ({
  page,
  request,
  stack,
}, testInfo) => {
  const team = await setUp(request, stack);
  const range = `from=${team.from}&to=${team.to}`;
  await open(page, `/orgs/${team.orgId}/reports?range=last-week`, team.owner.email);

  const all = await apiTotals(request, team.owner.token, team.orgId, range);
  expect(await shownTotals(page)).toEqual(expected(all));
  await expect(page.getByRole("img", { name: `Hours per day from ${team.from} to ${team.to}, stacked by project` })).toBeVisible();
  await expect(page.getByRole("table", { name: /^Entries from/ }).locator("tbody tr")).toHaveCount(7);
  await expectAccessible(page);
  await photograph(page, testInfo, "reports-owner");

  // Website's billable time, stacked by member: the address says so, and a reload shows the same report.
  await page.locator("summary", { hasText: "Projects" }).click();
  await page.getByRole("checkbox", { name: "Website" }).click();
  await expect(page.getByRole("checkbox", { name: "Website" })).toBeChecked();
  await page.locator("summary", { hasText: "Projects" }).click();
  await page.getByRole("combobox", { name: "Billable" }).selectOption("true");
  await page.getByRole("combobox", { name: "Stack by" }).selectOption("user");
  await expect(page).toHaveURL(new RegExp(`\\?range=last-week&projectId=${team.websiteId}&billable=true&groupBy=user$`));
  const filtered = await apiTotals(request, team.owner.token, team.orgId, `${range}&projectId=${team.websiteId}&billable=true`);
  await expect.poll(() => shownTotals(page)).toEqual(expected(filtered));
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Stack by" })).toHaveValue("user");
  await expect.poll(() => shownTotals(page)).toEqual(expected(filtered));
  await expect(page.getByRole("table", { name: /Hours and amounts by member/ }).locator("tbody tr")).toHaveCount(2);

  const detailed = await csvTotal(page, "Download entries CSV");
  expect(detailed.name).toBe(`detailed-${team.from}-${team.to}.csv`);
  expect([Number(detailed.total[11]), Number(detailed.total[14])]).toEqual([filtered.totalSeconds, filtered.billableAmount]);
  const summary = await csvTotal(page, "Download summary CSV");
  expect(summary.name).toBe(`summary-${team.from}-${team.to}-user.csv`);
  expect([Number(summary.total[2]), Number(summary.total[6])]).toEqual([filtered.totalSeconds, filtered.billableAmount]);

  // A range with no time says so.
  await page.getByRole("combobox", { name: "Range" }).selectOption("custom");
  await page.getByLabel("From", { exact: true }).fill("2020-01-01");
  await page.getByLabel("To", { exact: true }).fill("2020-01-31");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No time in this range")).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "reports-empty");
});

test("a member sees only their own time, without the member filter, as the API's summary gives it", async ({ page, request, stack }, testInfo) => {
  const team = await setUp(request, stack);
  await open(page, `/orgs/${team.orgId}/reports?range=last-week&groupBy=tag`, team.member.email);

  const own = await apiTotals(request, team.member.token, team.orgId, `from=${team.from}&to=${team.to}`);
  expect(own.totalSeconds).toBe((125 + 50 + 7) * 60);
  expect(await shownTotals(page)).toEqual(expected(own));
  await expect(page.locator("summary", { hasText: "Members" })).toHaveCount(0);
  await expect(page.locator("summary", { hasText: "Projects" })).toBeVisible();
  const entries = page.getByRole("table", { name: /^Entries from/ }).locator("tbody tr");
  await expect(entries).toHaveCount(3);
  await expect(entries.filter({ hasText: "Olga Owner" })).toHaveCount(0);
  await expectAccessible(page);
  await photograph(page, testInfo, "reports-member");
});
