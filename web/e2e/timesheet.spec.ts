import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, invitedMember, newAddress, signInForm, verifiedAccount } from "./people";
import type { Stack } from "./stack";

// The week timesheet (issue 20, screen 1) against the real server: a member fills a week by keyboard, the API holds
// what the grid shows, and time on an invoice is locked.

/** A Monday in the past, so that every day of the week can be filled. */
const week = "2026-11-16";
const zone = "Europe/Paris";

interface Team {
  ownerToken: string;
  orgId: number;
  clientId: number;
  projects: Record<"website" | "mobile" | "internal", number>;
}

/** An owner (in Paris) with an organization, a client with two projects (with rates, one with a task) and an internal project. */
async function team(request: APIRequestContext, stack: Stack): Promise<Team> {
  const ownerToken = await apiToken(request, await verifiedAccount(request, stack, "Grace Hopper", newAddress("timesheet-owner")));
  await api(request, ownerToken, "PATCH", "/api/v1/me", { timeZone: zone });
  const org = await api<{ id: number }>(request, ownerToken, "POST", "/api/v1/orgs", { name: "Analytical Engines" });
  const path = `/api/v1/orgs/${org.id}`;
  const client = await api<{ id: number }>(request, ownerToken, "POST", `${path}/clients`, { name: "Babbage & Co" });
  const website = await api<{ id: number }>(request, ownerToken, "POST", `${path}/projects`, { name: "Website", clientId: client.id, hourlyRate: 100 });
  const mobile = await api<{ id: number }>(request, ownerToken, "POST", `${path}/projects`, { name: "Mobile app", clientId: client.id, hourlyRate: 80 });
  const internal = await api<{ id: number }>(request, ownerToken, "POST", `${path}/projects`, { name: "Internal" });
  await api(request, ownerToken, "POST", `${path}/projects/${website.id}/tasks`, { name: "Design" });
  return { ownerToken, orgId: org.id, clientId: client.id, projects: { website: website.id, mobile: mobile.id, internal: internal.id } };
}

const grid = (page: Page) => page.getByRole("grid", { name: "Week timesheet" });
const rowOf = (page: Page, name: string) => grid(page).getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
/** A row's cell on a day (0 = the week's first), or its total (7). */
const cellOf = (page: Page, name: string, day: number) => rowOf(page, name).getByRole("gridcell").nth(day);
/** What a cell shows (its spoken twin is for screen readers). */
const shown = (cell: Locator) => cell.locator(".ts-cell__text");

/** Opens Add row, picks the project (and task) and adds it: the row's first day then has focus. */
async function addRow(page: Page, project: string, task?: string): Promise<void> {
  await page.getByRole("button", { name: "Add row", expanded: false }).focus();
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: "Add a row" });
  await expect(form.getByLabel("Project")).toBeFocused();
  await form.getByLabel("Project").selectOption({ label: project });
  if (task) await form.getByLabel("Task (optional)").selectOption({ label: task });
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(form.getByRole("button", { name: "Add row" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(cellOf(page, project, 0)).toBeFocused();
}

/** Types durations into the focused cell and the ones after it: `null` skips a day. */
async function fill(page: Page, durations: (string | null)[]): Promise<void> {
  for (const [i, duration] of durations.entries()) {
    if (duration !== null) {
      await page.keyboard.type(duration);
      await page.keyboard.press("Enter");
    }
    if (i < durations.length - 1) await page.keyboard.press("ArrowRight");
  }
}

async function expectTotals(page: Page, days: string[], week: string): Promise<void> {
  for (const [i, total] of days.entries()) await expect(shown(cellOf(page, "Total", i))).toHaveText(total);
  await expect(shown(cellOf(page, "Total", 7))).toHaveText(week);
}

/** The member's seconds by project and day (in Paris), as the API lists the week's entries. */
async function secondsByProjectAndDay(request: APIRequestContext, token: string, orgId: number): Promise<Record<string, number>> {
  const list = await api<{ items: { projectId: number; startedAt: string; durationSeconds: number }[]; nextCursor: string | null }>(
    request,
    token,
    "GET",
    `/api/v1/orgs/${orgId}/time-entries?from=${week}&to=2026-11-22&limit=200`,
  );
  expect(list.nextCursor).toBeNull();
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
  const sums: Record<string, number> = {};
  for (const entry of list.items) {
    const key = `${entry.projectId} ${day.format(new Date(entry.startedAt))}`;
    sums[key] = (sums[key] ?? 0) + entry.durationSeconds;
  }
  return sums;
}

test("a member invited by email fills a week by keyboard; it survives a reload, the API agrees, and invoiced time is locked", async ({ page, request, stack }, testInfo) => {
  const { ownerToken, orgId, clientId, projects } = await team(request, stack);

  // The member has an account; the invitation arrives by email and is accepted in the browser.
  const email = await verifiedAccount(request, stack, "Ada Lovelace", newAddress("timesheet-member"));
  const memberToken = await apiToken(request, email);
  await api(request, memberToken, "PATCH", "/api/v1/me", { timeZone: zone });
  await api(request, ownerToken, "POST", `/api/v1/orgs/${orgId}/invitations`, { email, role: "member" });
  await page.goto(await stack.mailbox.waitForLink(email, "/accept-invitation"));
  await page.getByRole("link", { name: "Sign in" }).click();
  await signInForm(page, email);
  await page.getByRole("button", { name: "Join the organization" }).click();
  // The organization has projects already, so its home passes straight on to My time.
  await expect(page).toHaveURL(new RegExp(`/orgs/${orgId}/time$`));

  await page.getByRole("link", { name: "Timesheet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Timesheet" })).toBeVisible();
  await page.getByRole("link", { name: /Previous week/ }).click();
  await expect(page).toHaveURL(/\?week=\d{4}-\d{2}-\d{2}$/);
  await page.goto(`/orgs/${orgId}/timesheet?week=${week}`);
  await expect(page.getByText("No time on this week yet")).toBeVisible();
  await expect(page.getByText(/Choose “Add row” to pick a project/)).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "timesheet-empty");

  // Three rows, several days each, by keyboard: type, Enter saves, the arrow moves on.
  await addRow(page, "Website", "Design");
  await fill(page, ["1:30", "2h", "45m"]);
  await addRow(page, "Mobile app");
  await fill(page, ["3", null, "1.5", "1h 15m"]);
  await addRow(page, "Internal");
  await fill(page, [null, null, null, null, "0:30"]);
  await expect(page.locator(".ts-saved")).toHaveText("All changes saved");
  await expectTotals(page, ["4:30", "2:00", "2:15", "1:15", "0:30", "0:00", "0:00"], "10:30");
  await expect(shown(cellOf(page, "Website", 7))).toHaveText("4:15");
  await expect(shown(cellOf(page, "Mobile app", 7))).toHaveText("5:45");

  // A changed cell moves its entry's end; a cleared one deletes its entry; a mistyped one says what to type.
  await cellOf(page, "Mobile app", 0).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("2:30");
  await page.keyboard.press("Enter");
  // Rows are in name order: Internal, Mobile app, Website.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(cellOf(page, "Website", 2)).toBeFocused();
  await page.keyboard.press("Delete");
  await page.keyboard.press("Enter");
  await expect(page.locator(".ts-saved")).toHaveText("All changes saved");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("1:75");
  await page.keyboard.press("Enter");
  const mistyped = cellOf(page, "Website", 3).getByRole("textbox");
  await expect(mistyped).toHaveAccessibleDescription("Minutes go up to 59 after the colon: write 2:15 instead.");
  await expectAccessible(page);
  await photograph(page, testInfo, "timesheet-mistyped");
  await page.keyboard.press("Escape");
  await expect(cellOf(page, "Website", 3)).toBeFocused();
  await expectTotals(page, ["4:00", "2:00", "1:30", "1:15", "0:30", "0:00", "0:00"], "9:15");

  await page.reload();
  await expectTotals(page, ["4:00", "2:00", "1:30", "1:15", "0:30", "0:00", "0:00"], "9:15");
  await expect(shown(cellOf(page, "Website", 0))).toHaveText("1:30");
  await expect(shown(cellOf(page, "Mobile app", 0))).toHaveText("2:30");
  await expect(rowOf(page, "Website").getByRole("rowheader")).toContainText("Design");
  await expectAccessible(page);
  await photograph(page, testInfo, "timesheet-week");

  const days = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"];
  expect(await secondsByProjectAndDay(request, memberToken, orgId)).toEqual({
    [`${projects.website} ${days[0]}`]: 5400,
    [`${projects.website} ${days[1]}`]: 7200,
    [`${projects.mobile} ${days[0]}`]: 9000,
    [`${projects.mobile} ${days[2]}`]: 5400,
    [`${projects.mobile} ${days[3]}`]: 4500,
    [`${projects.internal} ${days[4]}`]: 1800,
  });

  // The owner invoices the client's week: its two projects' time is locked; the internal project's is not.
  await api(request, ownerToken, "POST", `/api/v1/orgs/${orgId}/invoices`, { clientId, from: week, to: "2026-11-22" });
  await page.reload();
  const invoiced = cellOf(page, "Mobile app", 0);
  await expect(invoiced).toHaveAttribute("aria-readonly", "true");
  await expect(invoiced).toContainText("locked");
  await expect(invoiced).toHaveAccessibleDescription(/^Locked: this time is on an invoice/);
  await invoiced.click();
  await expect(page.locator(".ts-hint")).toHaveText(/^Locked: this time is on an invoice/);
  await page.keyboard.press("Enter");
  await page.keyboard.type("5");
  await expect(grid(page).getByRole("textbox")).toHaveCount(0);
  await expect(cellOf(page, "Internal", 4)).not.toHaveAttribute("aria-readonly");
  await expectAccessible(page);
  await photograph(page, testInfo, "timesheet-locked");
});

test("the week is in the address: moving between weeks, and time tracked elsewhere shows in its cell", async ({ page, request, stack }) => {
  const { ownerToken, orgId, projects } = await team(request, stack);
  const member = await invitedMember(request, stack, ownerToken, orgId, "member", "Mary Jackson");
  await api(request, member.token, "PATCH", "/api/v1/me", { timeZone: zone });
  // Recorded through the API on the Wednesday, 10:00 to 11:45 in Paris.
  await api(request, member.token, "POST", `/api/v1/orgs/${orgId}/time-entries`, {
    startedAt: "2026-11-18T10:00:00+01:00",
    endedAt: "2026-11-18T11:45:00+01:00",
    projectId: projects.internal,
  });

  await page.goto(`/sign-in?next=${encodeURIComponent(`/orgs/${orgId}/timesheet?week=2026-11-25`)}`);
  await signInForm(page, member.email);
  await expect(page.getByRole("heading", { level: 1, name: "Timesheet" })).toBeVisible();
  await expect(page.getByText("No time on this week yet")).toBeVisible();
  await page.getByRole("link", { name: /Previous week/ }).click();
  await expect(page).toHaveURL(new RegExp(`\\?week=${week}$`));
  await expect(shown(cellOf(page, "Internal", 2))).toHaveText("1:45");

  // One cell is in the tab order; Tab goes into the grid and out of it.
  await page.getByRole("button", { name: "Add row" }).focus();
  await page.keyboard.press("Tab");
  await expect(cellOf(page, "Internal", 0)).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("2");
  await page.keyboard.press("Enter");
  await expect(page.locator(".ts-saved")).toHaveText("All changes saved");
  await page.keyboard.press("Tab");
  await expect(grid(page).locator(":focus")).toHaveCount(0);

  await page.reload();
  await expect(page).toHaveURL(new RegExp(`\\?week=${week}$`));
  await expect(shown(cellOf(page, "Internal", 2))).toHaveText("2:00");
  const entry = await api<{ items: { startedAt: string; endedAt: string }[] }>(request, member.token, "GET", `/api/v1/orgs/${orgId}/time-entries?from=${week}&to=2026-11-22`);
  // The one entry got longer: the grid moved its end, it did not add another.
  expect(entry.items.map((item) => [Date.parse(item.startedAt), Date.parse(item.endedAt)])).toEqual([
    [Date.parse("2026-11-18T09:00:00Z"), Date.parse("2026-11-18T11:00:00Z")],
  ]);
});
