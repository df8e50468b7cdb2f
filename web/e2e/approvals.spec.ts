import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, invitedMember, newAddress, signInForm, verifiedAccount } from "./people";

// Approvals and locked periods (issue 21): a member submits a week from the timesheet, an admin rejects it with a comment
// that is emailed, the member fixes it and submits again, the admin approves it and it is locked (even for the admin) until
// reopened; the organization's lock date then refuses changes on or before it. Every screen is axe-checked and photographed.

/** A Monday in the past (the people here keep UTC). */
const week = "2026-11-16";

interface Entry {
  id: number;
}

async function signedInPage(browser: Browser, path: string, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
  await signInForm(page, email);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
  return page;
}

test("a member submits, an admin rejects by email, approves the resubmission and reopens it; the lock date refuses edits", async ({ browser, request, stack }, testInfo) => {
  const admin = await verifiedAccount(request, stack, "Ada Lovelace", newAddress("approvals-admin"));
  const adminToken = await apiToken(request, admin);
  const org = await api<{ id: number }>(request, adminToken, "POST", "/api/v1/orgs", { name: "Lovelace Analytics" });
  const path = `/api/v1/orgs/${org.id}`;
  const grace = await invitedMember(request, stack, adminToken, org.id, "member", "Grace Hopper");
  const project = await api<{ id: number }>(request, adminToken, "POST", `${path}/projects`, { name: "Website" });
  const monday = await api<Entry>(request, grace.token, "POST", `${path}/time-entries`, {
    startedAt: `${week}T09:00:00Z`, endedAt: `${week}T12:30:00Z`, projectId: project.id, description: "Design review",
  });
  const wednesday = await api<Entry>(request, grace.token, "POST", `${path}/time-entries`, {
    startedAt: "2026-11-18T13:00:00Z", endedAt: "2026-11-18T17:00:00Z", description: "Client call",
  });

  // The member submits the week from the timesheet.
  const member = await signedInPage(browser, `/orgs/${org.id}/timesheet?week=${week}`, grace.email);
  await expect(member.getByRole("heading", { name: "Week of 16–22 Nov 2026: Not submitted" })).toBeVisible();
  await expect(member.getByText("7 h 30 min in 2 entries")).toBeVisible();
  await member.getByRole("button", { name: "Submit week" }).click();
  await expect(member.getByRole("heading", { name: "Week of 16–22 Nov 2026: Submitted, awaiting approval" })).toBeVisible();
  await expectAccessible(member);
  await photograph(member, testInfo, "approvals-timesheet-submitted");

  // The admin rejects it with a comment; the member is emailed the comment.
  const lead = await signedInPage(browser, `/orgs/${org.id}/approvals`, admin);
  await expect(lead.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  await expect(lead.getByText("Grace Hopper", { exact: true })).toBeVisible();
  await expect(lead.getByText("Week of 16–22 Nov 2026 · 7 h 30 min in 2 entries")).toBeVisible();
  await expect(lead.getByText("Grace Hopper submitted a timesheet")).toBeVisible();
  await expectAccessible(lead);
  await photograph(lead, testInfo, "approvals");
  await lead.getByRole("button", { name: "Reject Grace Hopper's timesheet for 16–22 Nov 2026" }).click();
  await lead.getByLabel("What should Grace Hopper fix? (emailed to them)").fill("Wednesday's call needs the Website project.");
  await expectAccessible(lead);
  await lead.getByRole("button", { name: "Reject and email" }).click();
  await expect(lead.getByText("Grace Hopper's timesheet for 16–22 Nov 2026 is rejected.")).toBeVisible();
  await expect(lead.getByText("Nothing awaits approval")).toBeVisible();
  await expect
    .poll(() => stack.mailbox.all().find((mail) => mail.to.includes(grace.email) && mail.subject.includes("Your timesheet was rejected"))?.text ?? "", {
      timeout: 30_000,
    })
    .toContain("> Wednesday's call needs the Website project.");

  // The member sees the comment, fixes the entry and submits again.
  await member.reload();
  await expect(member.getByRole("heading", { name: "Week of 16–22 Nov 2026: Rejected" })).toBeVisible();
  await expect(member.getByLabel("The reviewer's comment")).toHaveText("Wednesday's call needs the Website project.");
  await photograph(member, testInfo, "approvals-timesheet-rejected");
  await api(request, grace.token, "PATCH", `${path}/time-entries/${wednesday.id}`, { projectId: project.id });
  await member.reload();
  await member.getByRole("button", { name: "Submit again" }).click();
  await expect(member.getByRole("heading", { name: "Week of 16–22 Nov 2026: Submitted, awaiting approval" })).toBeVisible();

  // The admin approves it: its time is locked for everyone, the admin too.
  await lead.reload();
  await lead.getByRole("button", { name: "Approve Grace Hopper's timesheet for 16–22 Nov 2026" }).click();
  await expect(lead.getByText("Grace Hopper's timesheet for 16–22 Nov 2026 is approved.")).toBeVisible();
  const refused = await request.fetch(`${path}/time-entries/${monday.id}`, {
    method: "PATCH", headers: { Authorization: `Bearer ${adminToken}` }, data: { description: "Late fix" },
  });
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toContain("An admin or owner must reopen the period first");

  // The member can no longer edit: My time shows the entries locked, with the reason.
  await member.goto(`/orgs/${org.id}/time?week=${week}`);
  const locked = member.getByRole("listitem", { name: "Design review, 09:00 to 12:30" }).locator("span[title]").filter({ hasText: /^Locked/ });
  await expect(locked).toBeVisible();
  await expect(locked).toHaveAttribute("title", "Locked: this timesheet is approved. An admin must reopen it before its time can change.");
  await expect(member.getByRole("button", { name: /^Delete:/ })).toHaveCount(0);
  await expectAccessible(member);
  await photograph(member, testInfo, "approvals-my-time-locked");

  // The admin reopens it, and the member may change it again.
  await lead.getByRole("button", { name: "Approved", exact: true }).click();
  await lead.getByRole("button", { name: "Reopen Grace Hopper's timesheet for 16–22 Nov 2026" }).click();
  await expect(lead.getByText("Grace Hopper's timesheet for 16–22 Nov 2026 is reopened.")).toBeVisible();
  await api(request, grace.token, "PATCH", `${path}/time-entries/${monday.id}`, { description: "Design review, round 2" });

  // The lock date: set in the settings, it refuses changes on or before it, by anyone.
  const settings = await signedInPage(browser, `/orgs/${org.id}/settings`, admin);
  await expect(settings.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await settings.getByLabel("Lock date").fill("2026-11-17");
  await settings.getByRole("button", { name: "Save timesheet settings" }).click();
  await expect(settings.getByText("Saved")).toBeVisible();
  await expectAccessible(settings);
  await photograph(settings, testInfo, "settings");
  for (const token of [grace.token, adminToken]) {
    const beforeLock = await request.fetch(`${path}/time-entries/${monday.id}`, {
      method: "DELETE", headers: { Authorization: `Bearer ${token}` },
    });
    expect(beforeLock.status()).toBe(409);
    expect(await beforeLock.text()).toContain("on or before the organization's lock date (2026-11-17)");
  }
  await api(request, grace.token, "PATCH", `${path}/time-entries/${wednesday.id}`, { description: "Client call (after the lock date)" });
  await member.goto(`/orgs/${org.id}/timesheet?week=${week}`);
  await expect(member.locator('[data-locked="true"]').first()).toBeVisible();
});

test("a member is shown why Approvals and Settings are not theirs, and the API refuses them", async ({ browser, request, stack }) => {
  const owner = await verifiedAccount(request, stack, "Ada Lovelace", newAddress("approvals-owner"));
  const ownerToken = await apiToken(request, owner);
  const org = await api<{ id: number }>(request, ownerToken, "POST", "/api/v1/orgs", { name: "Lovelace Analytics" });
  const alan = await invitedMember(request, stack, ownerToken, org.id, "member", "Alan Turing");

  const page = await signedInPage(browser, `/orgs/${org.id}/approvals`, alan.email);
  await expect(page.getByRole("heading", { name: "Approvals is for admins and owners" })).toBeVisible();
  await page.goto(`/orgs/${org.id}/settings`);
  await expect(page.getByRole("heading", { name: "Settings is for admins and owners" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Approvals" })).toHaveCount(0);
  for (const [method, route] of [["GET", "audit-log"], ["PUT", "timesheet-policy"]] as const) {
    const response = await request.fetch(`/api/v1/orgs/${org.id}/${route}`, {
      method, headers: { Authorization: `Bearer ${alan.token}` }, ...(method === "PUT" ? { data: { period: "month" } } : {}),
    });
    expect(response.status()).toBe(403);
  }
});
