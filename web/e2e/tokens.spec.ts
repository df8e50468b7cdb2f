import type { APIRequestContext } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, newAddress, signInForm, verifiedAccount } from "./people";

/** A call a script makes with a personal API token: the status and the body (a problem when refused). */
async function withToken(request: APIRequestContext, secret: string, method: string, path: string, data?: unknown) {
  const response = await request.fetch(path, { method, headers: { Authorization: `Bearer ${secret}` }, ...(data === undefined ? {} : { data }) });
  const text = await response.text();
  return { status: response.status(), body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
}

test("make an API token in the account, use it from a script within its scope, revoke it", async ({ page, request, stack }, testInfo) => {
  const email = await verifiedAccount(request, stack, "Tess Token", newAddress("tokens"));
  const session = await apiToken(request, email);
  const acme = await api<{ id: number }>(request, session, "POST", "/api/v1/orgs", { name: "Acme Tokens" });
  const other = await api<{ id: number }>(request, session, "POST", "/api/v1/orgs", { name: "Other Tokens" });
  const inAMonth = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString();
  await api(request, session, "POST", "/api/v1/me/api-tokens", { name: "Nightly export", organizationId: other.id, scope: "admin", expiresAt: inAMonth });
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);

  await page.goto("/sign-in");
  await signInForm(page, email);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  const section = page.getByRole("region", { name: "API tokens" });
  await expect(section.getByRole("listitem", { name: "Nightly export" })).toBeVisible();

  await section.getByLabel("Name").fill("Timesheet script");
  await section.getByLabel("Organization").selectOption({ label: "Acme Tokens (owner)" });
  await section.getByRole("radio", { name: /^Read/ }).check();
  await section.getByLabel("Expires").selectOption({ label: "In 90 days" });
  await expectAccessible(page);
  await photograph(page, testInfo, "tokens-create");
  await section.getByRole("button", { name: "Create token" }).click();

  const shown = section.getByRole("region", { name: "Your new token “Timesheet script”" });
  await expect(shown.getByText("Copy it now: it is shown only this once.")).toBeVisible();
  const secret = await shown.getByLabel("Token", { exact: true }).inputValue();
  expect(secret).toMatch(/^tt_pat_[A-Za-z0-9_-]{43}$/);
  await shown.getByRole("button", { name: "Copy token" }).click();
  await expect(shown.getByText(/^Copied\./)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expectAccessible(page);
  await photograph(page, testInfo, "tokens-secret");

  // A script with the token: it reads its organization, may not write with 'read', and has no business elsewhere.
  const entries = `/api/v1/orgs/${acme.id}/time-entries`;
  expect((await withToken(request, secret, "GET", entries)).status).toBe(200);
  const write = await withToken(request, secret, "POST", entries, { startedAt: "2026-11-02T09:00:00Z", endedAt: "2026-11-02T10:00:00Z" });
  expect(write.status).toBe(403);
  expect(write.body?.requiredScope).toBe("write");
  const elsewhere = await withToken(request, secret, "GET", `/api/v1/orgs/${other.id}/time-entries`);
  expect(elsewhere.status).toBe(403);
  expect(String(elsewhere.body?.detail)).toContain(`organization ${acme.id} only`);
  expect((await withToken(request, secret, "GET", "/api/v1/me")).status).toBe(403);

  await shown.getByRole("button", { name: "I have saved it" }).click();
  await expect(section.getByLabel("Token", { exact: true })).toHaveCount(0);
  const row = section.getByRole("listitem", { name: "Timesheet script" });
  await expect(row.getByText("Acme Tokens")).toBeVisible();
  await expect(row.getByText("read", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "tokens-list");

  await row.getByRole("button", { name: "Revoke Timesheet script…" }).click();
  await expect(row.getByText(/Revoke “Timesheet script”\?/)).toBeFocused();
  await expectAccessible(page);
  await photograph(page, testInfo, "tokens-revoke");
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(section.getByRole("listitem", { name: "Timesheet script" })).toHaveCount(0);
  await expect(page.getByText("The token “Timesheet script” is revoked")).toBeAttached();

  const refused = await withToken(request, secret, "GET", entries);
  expect(refused.status).toBe(401);
  expect(String(refused.body?.detail)).toContain("revoked");
  await expect(section.getByRole("listitem", { name: "Nightly export" })).toBeVisible();
});
