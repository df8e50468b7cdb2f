import { execFileSync } from "node:child_process";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, invitedMember, signInForm, verifiedAccount } from "./people";

// Invoices (issue 20, screen 7) against the real server: an owner drafts an invoice from last month's time, reviews its
// lines, issues it, prints it to PDF in Chromium (A4 and Letter, read back with poppler's pdftotext and pdfinfo), marks it
// paid, and voids another; a member is shown why not, and the API refuses them.

interface Books {
  token: string;
  orgId: number;
  globex: number;
  initech: number;
}

/** The first and a later day of last month (UTC, the owner's time zone), as the screen's "Last month" means it. */
function lastMonth(): { first: Date; day: (n: number) => string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { first, day: (n: number) => new Date(first.getTime() + (n - 1) * 86_400_000).toISOString().slice(0, 10) };
}

/**
 * An owner's organization with two clients; Globex has a website project at 120.00 and support at 80.00, Initech printers
 * at 95.00; billable time on each last month (and some not billable, which no invoice takes).
 */
async function books(request: APIRequestContext, email: string): Promise<Books> {
  const token = await apiToken(request, email);
  await api(request, token, "PATCH", "/api/v1/me", { timeZone: "UTC" });
  const org = await api<{ id: number }>(request, token, "POST", "/api/v1/orgs", { name: "Lovelace Analytics" });
  const path = (route: string) => `/api/v1/orgs/${org.id}/${route}`;
  const globex = await api<{ id: number }>(request, token, "POST", path("clients"), { name: "Globex Corporation", email: "accounts@globex.test" });
  const initech = await api<{ id: number }>(request, token, "POST", path("clients"), { name: "Initech" });
  const website = await api<{ id: number }>(request, token, "POST", path("projects"), { name: "Website redesign", clientId: globex.id, hourlyRate: 120 });
  const support = await api<{ id: number }>(request, token, "POST", path("projects"), { name: "Support", clientId: globex.id, hourlyRate: 80 });
  const printers = await api<{ id: number }>(request, token, "POST", path("projects"), { name: "Printers", clientId: initech.id, hourlyRate: 95 });
  const { day } = lastMonth();
  const entry = (projectId: number, date: string, from: string, to: string, description: string, billable = true) =>
    api(request, token, "POST", path("time-entries"), { projectId, startedAt: `${date}T${from}:00Z`, endedAt: `${date}T${to}:00Z`, description, billable });
  await entry(website.id, day(3), "09:00", "12:30", "Wireframes");
  await entry(website.id, day(4), "13:00", "17:00", "Home page build");
  await entry(website.id, day(10), "09:00", "11:45", "Accessibility fixes");
  await entry(support.id, day(5), "10:00", "11:30", "Mailbox migration");
  await entry(support.id, day(12), "14:00", "14:45", "Password resets");
  await entry(support.id, day(12), "15:00", "16:00", "Team lunch", false);
  await entry(printers.id, day(6), "09:00", "11:00", "Toner audit");
  return { token, orgId: org.id, globex: globex.id, initech: initech.id };
}

/** Opens an address of the app, signing in when the app asks first. */
async function open(page: Page, path: string, email: string): Promise<void> {
  await page.goto(path);
  const signIn = page.getByRole("heading", { level: 1, name: "Sign in" });
  const timer = page.getByRole("region", { name: "Timer" });
  await expect(timer.or(signIn)).toBeVisible();
  if (await signIn.isVisible()) await signInForm(page, email);
  await expect(timer).toBeVisible();
}

/** The text poppler reads from a PDF (its layout kept), and the size of its pages. */
function readPdf(file: string): { text: string; pageSize: string } {
  const run = (tool: string, args: string[]) => {
    try {
      return execFileSync(tool, args, { encoding: "utf8" });
    } catch (error) {
      throw new Error(`${tool} failed (scripts/test installs poppler-utils; apt-get install poppler-utils): ${String(error)}`);
    }
  };
  const text = run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]);
  const pageSize = /Page size:\s+(.*)/.exec(run("pdfinfo", [file]))?.[1] ?? "";
  return { text, pageSize };
}

test("an owner drafts an invoice from last month's time, issues it, prints it to A4 and Letter PDFs, marks it paid, and voids another", async ({
  page,
  request,
  stack,
}, testInfo) => {
  const email = await verifiedAccount(request, stack, "Ada Lovelace");
  const owner = await books(request, email);
  await open(page, `/orgs/${owner.orgId}/invoices`, email);

  await expect(page.getByRole("heading", { level: 1, name: "Invoices" })).toBeVisible();
  await expect(page.getByText("No invoices yet")).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "invoices-empty");

  // Initech has no time this month: the server's 422 shows in the form, above its button.
  await page.getByRole("button", { name: "Draft an invoice" }).first().click();
  const form = page.getByRole("form", { name: "Draft an invoice" });
  await form.getByLabel("Client").selectOption({ label: "Initech" });
  await form.getByRole("radio", { name: /This month/ }).check();
  await form.getByRole("button", { name: "Create draft" }).click();
  await expect(form.getByRole("alert")).toContainText("has no uninvoiced billable time");
  await expectAccessible(page);
  await photograph(page, testInfo, "invoices-draft-nothing-to-bill");

  await form.getByLabel("Client").selectOption({ label: "Globex Corporation" });
  await form.getByRole("radio", { name: /Last month/ }).check();
  await form.getByLabel("Currency").fill("EUR");
  await form.getByRole("button", { name: "Create draft" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Invoice INV-00001" })).toBeVisible();
  const lines = page.getByRole("table", { name: /Lines of invoice INV-00001/ });
  // 3.5 + 4 + 2.75 hours on the website at 120.00; 1.5 + 0.75 hours of support at 80.00. Lines by project name.
  await expect(lines.getByRole("row")).toHaveText([
    /#\s*Description\s*Hours\s*Rate\s*Amount/,
    /1\s*Support\s*2\.25\s*€80\.00\s*€180\.00/,
    /2\s*Website redesign\s*10\.25\s*€120\.00\s*€1,230\.00/,
    /Total \(EUR\)\s*€1,410\.00/,
  ]);
  await expect(page.getByText("It holds 5 time entries")).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "invoice-draft");

  await page.getByRole("button", { name: "Issue…" }).click();
  const issue = page.getByRole("form", { name: "Issue INV-00001?" });
  await expect(issue.getByLabel("Issue date")).toBeFocused();
  await expectAccessible(page);
  await photograph(page, testInfo, "invoice-issue-confirmation");
  await issue.getByRole("button", { name: "Issue INV-00001" }).click();
  await expect(page.getByText("INV-00001 is issued.")).toBeVisible();
  await expect(page.locator(".invoice-status")).toHaveText("Issued");

  await page.getByRole("link", { name: "Print view" }).click();
  const paper = page.getByRole("article", { name: "Invoice" });
  await expect(paper).toBeVisible();
  await expect(paper.getByText("Lovelace Analytics")).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "invoice-print");

  for (const format of ["A4", "Letter"] as const) {
    const file = testInfo.outputPath(`INV-00001-${format}.pdf`);
    await page.pdf({ path: file, format, printBackground: true });
    const { text, pageSize } = readPdf(file);
    expect(pageSize, `${format} page`).toContain(format === "A4" ? "(A4)" : "(letter)");
    for (const expected of ["Lovelace Analytics", "INVOICE", "INV-00001", "Globex Corporation", "accounts@globex.test", "Amounts in EUR"])
      expect(text, `${format}: ${expected}`).toContain(expected);
    expect(text).toMatch(/1\s+Support\s+2\.25\s+€80\.00\s+€180\.00/);
    expect(text).toMatch(/2\s+Website redesign\s+10\.25\s+€120\.00\s+€1,230\.00/);
    expect(text).toMatch(/Total \(EUR\)\s+€1,410\.00/);
    // Only the invoice: no header, timer, navigation or Print button.
    for (const chrome of ["Sign out", "My time", "Timesheet", "Print", "Choose A4"]) expect(text, `${format} has no "${chrome}"`).not.toContain(chrome);
    expect(text.split("\f").filter((sheet) => sheet.trim() !== "")).toHaveLength(1);
  }

  await page.getByRole("link", { name: /Back to INV-00001/ }).click();
  await page.getByRole("button", { name: "Mark paid" }).click();
  await expect(page.getByText("INV-00001 is marked paid.")).toBeVisible();
  await expect(page.locator(".invoice-status")).toHaveText("Paid");
  await expectAccessible(page);
  await photograph(page, testInfo, "invoice-paid");

  // A second invoice, drafted through the API, is voided from the screen: its entries come free again.
  const { day } = lastMonth();
  const second = await api<{ id: number }>(request, owner.token, "POST", `/api/v1/orgs/${owner.orgId}/invoices`, {
    clientId: owner.initech,
    from: day(1),
    to: day(28),
  });
  await page.getByRole("link", { name: "Invoices", exact: true }).first().click();
  await expect(page.getByRole("link", { name: "INV-00002" })).toBeVisible();
  await expect(page.getByRole("row", { name: /INV-00001/ })).toContainText("Paid");
  await expectAccessible(page);
  await photograph(page, testInfo, "invoices-list");

  await page.getByRole("link", { name: "INV-00002" }).click();
  await page.getByRole("button", { name: "Void…" }).click();
  const confirm = page.getByRole("group", { name: "Void INV-00002?" });
  await expect(confirm).toContainText("Its 1 time entry is unlocked, so it can be changed and billed on another invoice");
  await expectAccessible(page);
  await photograph(page, testInfo, "invoice-void-confirmation");
  await confirm.getByRole("button", { name: "Void INV-00002" }).click();
  await expect(page.getByText("INV-00002 is void.")).toBeVisible();
  const freed = await api<{ items: { invoiceId: number | null; lockedAt: string | null }[] }>(
    request,
    owner.token,
    "GET",
    `/api/v1/orgs/${owner.orgId}/time-entries?from=${day(6)}&to=${day(6)}`,
  );
  expect(freed.items.map((entry) => [entry.invoiceId, entry.lockedAt])).toEqual([[null, null]]);
  expect((await api<{ status: string }>(request, owner.token, "GET", `/api/v1/orgs/${owner.orgId}/invoices/${second.id}`)).status).toBe("void");

  await page.getByRole("link", { name: /Invoices/ }).first().click();
  await page.getByRole("link", { name: "Void", exact: true }).click();
  await expect(page.getByRole("link", { name: "INV-00002" })).toBeVisible();
  await expect(page.getByRole("link", { name: "INV-00001" })).toHaveCount(0);
});

test("a member is told invoices are for admins and owners, and the API refuses them", async ({ page, request, stack }, testInfo) => {
  const email = await verifiedAccount(request, stack, "Ada Lovelace");
  const owner = await books(request, email);
  const member = await invitedMember(request, stack, owner.token, owner.orgId, "member", "Grace Hopper");
  const invoice = await api<{ id: number }>(request, owner.token, "POST", `/api/v1/orgs/${owner.orgId}/invoices`, {
    clientId: owner.globex,
    from: lastMonth().day(1),
    to: lastMonth().day(28),
  });

  await open(page, `/orgs/${owner.orgId}/invoices/${invoice.id}/print`, member.email);
  await expect(page.getByRole("heading", { level: 1, name: "Invoice is for admins and owners" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Lovelace Analytics pages" }).getByRole("link", { name: "Invoices" })).toHaveCount(0);
  await open(page, `/orgs/${owner.orgId}/invoices`, member.email);
  await expect(page.getByRole("heading", { level: 1, name: "Invoices is for admins and owners" })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "invoices-member");

  const headers = { Authorization: `Bearer ${member.token}` };
  for (const [method, path] of [
    ["GET", "invoices"],
    ["GET", `invoices/${invoice.id}`],
    ["POST", `invoices/${invoice.id}/issue`],
    ["POST", `invoices/${invoice.id}/void`],
  ] as const)
    expect((await request.fetch(`/api/v1/orgs/${owner.orgId}/${path}`, { method, headers })).status(), `${method} ${path}`).toBe(403);
  const draft = await request.post(`/api/v1/orgs/${owner.orgId}/invoices`, { headers, data: { clientId: owner.initech, from: lastMonth().day(1), to: lastMonth().day(28) } });
  expect(draft.status()).toBe(403);
});
