import type { Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, invitedMember, newAddress, signInForm, verifiedAccount } from "./people";

// The Members screen (issue 20, screen 5): an owner invites from the screen and the emailed link works; resending sends
// a new link and the old one stops working; revoking, changing a role, removing; the only owner's controls are disabled
// with the reason; a member is shown why the screen is not theirs, and the API refuses them.

interface Organization {
  id: number;
}

/** Signs in through the form and lands on `path`. */
async function openSignedIn(page: Page, path: string, email: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
  await signInForm(page, email);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

test("an owner invites, resends, revokes, changes a role and removes a member from the Members screen", async ({ page, browser, request, stack }, testInfo) => {
  const owner = await verifiedAccount(request, stack, "Ada Lovelace", newAddress("members-owner"));
  const ownerToken = await apiToken(request, owner);
  const org = await api<Organization>(request, ownerToken, "POST", "/api/v1/orgs", { name: "Lovelace Analytics" });
  await invitedMember(request, stack, ownerToken, org.id, "admin", "Grace Hopper");
  await invitedMember(request, stack, ownerToken, org.id, "member", "Alan Turing");
  const katherine = await invitedMember(request, stack, ownerToken, org.id, "member", "Katherine Johnson");
  const edsger = newAddress("members-pending");
  await api(request, ownerToken, "POST", `/api/v1/orgs/${org.id}/invitations`, { email: edsger, role: "member" });
  await api(request, ownerToken, "POST", `/api/v1/orgs/${org.id}/invitations`, { email: newAddress("members-pending"), role: "admin" });
  const mary = await verifiedAccount(request, stack, "Mary Somerville", newAddress("members-invitee"));

  await openSignedIn(page, `/orgs/${org.id}/members`, owner);
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  await expect(page.getByText("6 seats used")).toBeVisible();
  await expect(page.getByText("4 members, 2 pending invitations · no seat limit")).toBeVisible();
  const team = page.getByRole("list", { name: "Members of Lovelace Analytics" });
  await expect(team.getByRole("listitem")).toHaveCount(4);

  // The only owner can neither step down nor leave, and the screen says why.
  const reason = /You are the only owner: an organization always keeps one owner/;
  await expect(page.getByLabel("Role of Ada Lovelace")).toBeDisabled();
  await expect(page.getByLabel("Role of Ada Lovelace")).toHaveAccessibleDescription(reason);
  await expect(page.getByRole("button", { name: "Leave Lovelace Analytics" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Leave Lovelace Analytics" })).toHaveAccessibleDescription(reason);
  await expect(page.getByText(reason)).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "members");

  // Invite from the screen.
  await page.getByLabel("Email address").fill(mary);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation sent to ${mary} as member.` })).toBeVisible();
  const pending = page.getByRole("list", { name: "Pending invitations" });
  await expect(pending.getByText(mary)).toBeVisible();
  const firstLink = await stack.mailbox.waitForLink(mary, "/accept-invitation");

  // Resend: a new email with a new link; the first link stops working.
  await page.getByRole("button", { name: `Resend the invitation to ${mary}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "The earlier link no longer works." })).toBeVisible();
  let secondLink = firstLink;
  await expect.poll(async () => (secondLink = await stack.mailbox.waitForLink(mary, "/accept-invitation")), { timeout: 30_000 }).not.toBe(firstLink);
  const maryToken = await apiToken(request, mary);
  const stale = await request.post("/api/v1/invitations/accept", {
    headers: { Authorization: `Bearer ${maryToken}` },
    data: { token: new URL(firstLink).searchParams.get("token") },
  });
  expect(stale.status()).toBe(400);

  // The new link works, in Mary's own browser.
  const marysBrowser = await browser.newContext({ baseURL: stack.baseURL });
  const maryPage = await marysBrowser.newPage();
  await maryPage.goto(secondLink);
  await maryPage.getByRole("link", { name: "Sign in" }).click();
  await signInForm(maryPage, mary);
  await maryPage.getByRole("button", { name: "Join the organization" }).click();
  await expect(maryPage).toHaveURL(new RegExp(`/orgs/${org.id}$`));
  await marysBrowser.close();

  // Revoke, after confirming.
  await page.getByRole("button", { name: `Revoke the invitation to ${edsger}` }).click();
  await expect(page.getByText(`Revoke the invitation to ${edsger}? Its link stops working and its seat is freed.`)).toBeFocused();
  await page.getByRole("button", { name: "Yes, revoke it" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invitation to ${edsger} revoked` })).toBeVisible();
  await expect(pending.getByText(edsger)).toHaveCount(0);

  // Mary, who joined meanwhile, shows once the screen is opened again.
  await page.getByRole("link", { name: "Timesheet" }).click();
  await page.getByRole("link", { name: "Members" }).click();
  await expect(team.getByText("Mary Somerville", { exact: true })).toBeVisible();
  await expect(page.getByText("5 members, 1 pending invitation · no seat limit")).toBeVisible();

  // Change a role.
  await page.getByLabel("Role of Alan Turing").selectOption("admin");
  await page.getByRole("button", { name: "Make them admin" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Alan Turing is now an admin." })).toBeVisible();

  // Remove, after a question that names the person.
  await page.getByRole("button", { name: "Remove Katherine Johnson" }).click();
  await expect(page.getByText(/^Remove Katherine Johnson \(.+\) from Lovelace Analytics\?/)).toBeFocused();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, remove Katherine Johnson" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Katherine Johnson was removed from Lovelace Analytics." })).toBeVisible();
  await expect(team.getByText("Katherine Johnson", { exact: true })).toHaveCount(0);
  const gone = await request.get(`/api/v1/orgs/${org.id}`, { headers: { Authorization: `Bearer ${katherine.token}` } });
  expect(gone.status()).toBe(404);
  const members = await api<{ items: { name: string; role: string }[] }>(request, ownerToken, "GET", `/api/v1/orgs/${org.id}/members`);
  expect(members.items.map((m) => `${m.name}: ${m.role}`)).toEqual([
    "Ada Lovelace: owner",
    "Alan Turing: admin",
    "Grace Hopper: admin",
    "Mary Somerville: member",
  ]);
});

test("a member opening Members is told it is for admins and owners, and the API refuses them", async ({ page, request, stack }, testInfo) => {
  const owner = await verifiedAccount(request, stack, "Grace Hopper", newAddress("members-owner"));
  const ownerToken = await apiToken(request, owner);
  const org = await api<Organization>(request, ownerToken, "POST", "/api/v1/orgs", { name: "Hopper Labs" });
  const member = await invitedMember(request, stack, ownerToken, org.id, "member", "Dorothy Vaughan");

  await openSignedIn(page, `/orgs/${org.id}/members`, member.email);
  await expect(page.getByRole("heading", { level: 1, name: "Members is for admins and owners" })).toBeVisible();
  await expect(page.getByText("You are a member of Hopper Labs.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveCount(0);
  await expectAccessible(page);
  await photograph(page, testInfo, "members-for-a-member");

  const headers = { Authorization: `Bearer ${member.token}` };
  expect((await request.get(`/api/v1/orgs/${org.id}/invitations`, { headers })).status()).toBe(403);
  expect((await request.get(`/api/v1/orgs/${org.id}/seats`, { headers })).status()).toBe(403);
  expect((await request.post(`/api/v1/orgs/${org.id}/invitations`, { headers, data: { email: newAddress("x"), role: "member" } })).status()).toBe(403);
  const invitation = await api<{ id: number }>(request, ownerToken, "POST", `/api/v1/orgs/${org.id}/invitations`, { email: newAddress("y") });
  expect((await request.post(`/api/v1/orgs/${org.id}/invitations/${invitation.id}/resend`, { headers })).status()).toBe(403);
  expect((await request.delete(`/api/v1/orgs/${org.id}/invitations/${invitation.id}`, { headers })).status()).toBe(403);
});
