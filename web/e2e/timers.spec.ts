import type { Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, invitedMember, newAddress, signInForm, verifiedAccount } from "./people";

// Forgotten timers (issue 21): an admin sets the organization's timer policy on the Settings page; a member's timer left
// running past it is emailed about, then stopped at its start plus the cap by the worker in `serve` (every second in
// these tests) and flagged in My time. A member is shown why Settings is not theirs, and the API refuses them.

interface Organization {
  id: number;
}

interface Entry {
  id: number;
  startedAt: string;
  endedAt: string | null;
  autoStopped: boolean;
}

async function openSignedIn(page: Page, path: string, email: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
  await signInForm(page, email);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

test("an admin sets the timer policy, and a member's forgotten timer is emailed about, stopped at the cap and flagged", async ({ page, browser, request, stack }, testInfo) => {
  const owner = await verifiedAccount(request, stack, "Ada Lovelace", newAddress("timers-owner"));
  const ownerToken = await apiToken(request, owner);
  const org = await api<Organization>(request, ownerToken, "POST", "/api/v1/orgs", { name: "Lovelace Analytics" });
  const member = await invitedMember(request, stack, ownerToken, org.id, "member", "Alan Turing");

  // The owner sets the policy: a reminder after 2 hours, a stop at 4.
  await openSignedIn(page, `/orgs/${org.id}/settings`, owner);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const section = page.getByRole("region", { name: "Forgotten timers" });
  await expect(section).toContainText("These are the defaults.");
  await expect(page.getByLabel("Email the member after (hours)")).toHaveValue("10");
  await page.getByLabel("Stop the timer after (hours)").fill("1");
  await page.getByRole("button", { name: "Save timer policy" }).click();
  await expect(page.getByLabel("Stop the timer after (hours)")).toHaveAccessibleDescription(/from 2 to 168; 1 is not/);
  await page.getByLabel("Email the member after (hours)").fill("2");
  await page.getByLabel("Stop the timer after (hours)").fill("4");
  await page.getByRole("button", { name: "Save timer policy" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: reminders after 2 hours, timers stopped at 4 hours." })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "settings-timer-policy");
  expect(await api(request, member.token, "GET", `/api/v1/orgs/${org.id}/timer-policy`)).toMatchObject({ reminderAfterHours: 2, stopAfterHours: 4 });

  // A timer the member forgot: started (moved back) five hours ago, so past the cap of 4.
  const forgotten = await api<Entry>(request, member.token, "POST", `/api/v1/orgs/${org.id}/timer/start`, { description: "Quarterly report" });
  const moved = await api<Entry>(request, member.token, "PATCH", `/api/v1/orgs/${org.id}/time-entries/${forgotten.id}`, { startedAt: hoursAgo(5) });
  await expect
    .poll(async () => (await api<Entry>(request, member.token, "GET", `/api/v1/orgs/${org.id}/time-entries/${forgotten.id}`)).autoStopped)
    .toBe(true);
  const stopped = await api<Entry>(request, member.token, "GET", `/api/v1/orgs/${org.id}/time-entries/${forgotten.id}`);
  // It ends at its start plus the cap, not when the worker noticed it.
  expect(Date.parse(stopped.endedAt!) - Date.parse(moved.startedAt)).toBe(4 * 3_600_000);

  // Another one, three hours old: past the reminder, not the cap. Its member is emailed once, with a link to My time.
  const running = await api<Entry>(request, member.token, "POST", `/api/v1/orgs/${org.id}/timer/start`, { description: "Code review" });
  await api(request, member.token, "PATCH", `/api/v1/orgs/${org.id}/time-entries/${running.id}`, { startedAt: hoursAgo(3) });
  const reminders = () => stack.mailbox.all().filter((mail) => mail.to.includes(member.email) && mail.subject.startsWith("Your timer has been running"));
  await expect.poll(() => reminders().length).toBe(1);
  const reminder = reminders()[0]!;
  expect(reminder.text).toContain("\u201CCode review\u201D");
  expect(reminder.text).toContain(`/orgs/${org.id}/time`);
  expect(reminder.text).toContain("your organization stops timers after 4 hours");

  // My time flags the stopped entry.
  const context = await browser.newContext();
  const memberPage = await context.newPage();
  const week = moved.startedAt.slice(0, 10);
  await openSignedIn(memberPage, `/orgs/${org.id}/time?week=${week}`, member.email);
  const row = memberPage.locator(`[data-entry="${forgotten.id}"]`);
  await expect(row.getByText("Auto-stopped")).toBeVisible();
  await expect(memberPage.locator(`[data-entry="${running.id}"]`).getByText("Auto-stopped")).toHaveCount(0);
  await expectAccessible(memberPage);
  await photograph(memberPage, testInfo, "my-time-auto-stopped");

  // Settings is not the member's: the page says why, and the API refuses the change.
  await memberPage.goto(`/orgs/${org.id}/settings`);
  await expect(memberPage.getByRole("heading", { level: 1, name: "Settings is for admins and owners" })).toBeVisible();
  await expect(memberPage.getByRole("navigation", { name: "Lovelace Analytics pages" }).getByRole("link", { name: "Settings" })).toHaveCount(0);
  const refused = await request.put(`/api/v1/orgs/${org.id}/timer-policy`, {
    headers: { Authorization: `Bearer ${member.token}` },
    data: { reminderAfterHours: 1, stopAfterHours: 2 },
  });
  expect(refused.status()).toBe(403);
  await context.close();
});
