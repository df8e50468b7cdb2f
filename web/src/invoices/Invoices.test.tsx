import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { client, organization } from "../orgs/testData";
import type { Organization } from "../orgs/organizations";
import { renderAt } from "../test/render";
import { fakeServer, json, type Route } from "../timer/fakeServer";
import type { Invoice } from "./api";

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  session.signOut();
});

const me = { id: 1, email: "ada@example.test", name: "Ada", emailVerified: true, totpEnabled: false, timeZone: "Europe/Paris", defaultHourlyRate: null };

function invoice(fields: Partial<Invoice> & { id: number }): Invoice {
  return {
    number: `INV-${String(fields.id).padStart(5, "0")}`,
    clientId: 3,
    clientName: "Globex",
    clientEmail: "billing@globex.test",
    status: "draft",
    periodStart: "2026-10-01",
    periodEnd: "2026-10-31",
    issuedOn: null,
    dueOn: null,
    total: 1390,
    currency: "USD",
    entryCount: 4,
    items: [
      { id: 1, projectId: 6, description: "Support", quantity: 2.5, unitPrice: 80, amount: 200 },
      { id: 2, projectId: 5, description: "Website", quantity: 11.9, unitPrice: 100, amount: 1190 },
    ],
    createdAt: "2026-11-02T09:00:00Z",
    paidAt: null,
    voidedAt: null,
    ...fields,
  };
}

/** The organization's pages around the invoice routes, as a member of `role`. */
function api(extra: Route[], role: Organization["role"] = "owner") {
  const org = organization(4, "Acme", role);
  return fakeServer([
    ...extra,
    { method: "GET", path: /\/api\/v1\/me$/, answer: () => json(200, me) },
    { method: "GET", path: /\/api\/v1\/orgs$/, answer: () => json(200, [org]) },
    { method: "GET", path: /\/api\/v1\/orgs\/4$/, answer: () => json(200, org) },
    { method: "GET", path: /\/orgs\/4\/timer$/, answer: () => new Response(null, { status: 204 }) },
    { method: "GET", path: /\/orgs\/4\/projects$/, answer: () => json(200, { items: [], nextCursor: null }) },
    { method: "GET", path: /\/orgs\/4\/clients$/, answer: () => json(200, { items: [client(3, "Globex"), client(8, "Initech")], nextCursor: null }) },
  ]);
}

const list = (answer: (url: URL) => { items: Invoice[]; nextCursor: string | null }): Route => ({
  method: "GET",
  path: /\/orgs\/4\/invoices$/,
  answer: (request) => json(200, answer(new URL(request.url))),
});

describe("Invoices", () => {
  it("lists each invoice's number, client, period, status, total and dates, newest first, a page at a time", async () => {
    const issued = invoice({ id: 2, status: "issued", issuedOn: "2026-11-02", dueOn: "2026-12-02", currency: "EUR", total: 240 });
    const server = api([
      list((url) => (url.searchParams.get("cursor") === "next" ? { items: [invoice({ id: 1, clientName: "Initech" })], nextCursor: null } : { items: [issued], nextCursor: "next" })),
    ]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/invoices", routes);

    const row = (await screen.findByRole("link", { name: "INV-00002" })).closest("tr") as HTMLElement;
    expect(within(row).getAllByRole("cell").map((cell) => cell.textContent)).toEqual([
      "Globex",
      "1 Oct 2026 – 31 Oct 2026",
      "Issued",
      "€240.00",
      "2 Nov 2026",
      "2 Dec 2026",
    ]);
    await userEvent.setup().click(screen.getByRole("button", { name: "Show more invoices" }));
    expect(await screen.findByRole("link", { name: "INV-00001" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "INV-00002" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Show more invoices" })).not.toBeInTheDocument();
    expect(server.sent("GET", /invoices\?limit=25&cursor=next$/)).toHaveLength(1);
  });

  it("filters by status in the address, and says when a status has none", async () => {
    const server = api([list((url) => ({ items: url.searchParams.get("status") === "paid" ? [] : [invoice({ id: 1 })], nextCursor: null }))]);
    vi.stubGlobal("fetch", server.fetch);
    const { router } = renderAt("/orgs/4/invoices", routes);
    const user = userEvent.setup();
    expect(await screen.findByRole("link", { name: "INV-00001" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "page");

    await user.click(screen.getByRole("link", { name: "Paid" }));
    expect(await screen.findByText("No paid invoices")).toBeInTheDocument();
    expect(router.state.location.search).toBe("?status=paid");
    expect(screen.getByRole("link", { name: "Paid" })).toHaveAttribute("aria-current", "page");
    expect(server.sent("GET", /invoices\?limit=25&status=paid$/)).toHaveLength(1);
  });

  it("says how to start when there are no invoices yet", async () => {
    vi.stubGlobal("fetch", api([list(() => ({ items: [], nextCursor: null }))]).fetch);
    renderAt("/orgs/4/invoices", routes);
    expect(await screen.findByText("No invoices yet")).toBeInTheDocument();
    expect(screen.getByText(/Draft one from a client's unbilled time/)).toBeInTheDocument();
  });

  it("drafts last month's invoice for a client and opens it", async () => {
    // Only the date is faked: it is 6 December 2026 in Paris.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-06T10:00:00Z"));
    const drafted = invoice({ id: 9, periodStart: "2026-11-01", periodEnd: "2026-11-30" });
    const server = api([
      list(() => ({ items: [], nextCursor: null })),
      { method: "POST", path: /\/orgs\/4\/invoices$/, answer: () => json(201, drafted) },
      { method: "GET", path: /\/orgs\/4\/invoices\/9$/, answer: () => json(200, drafted) },
    ]);
    vi.stubGlobal("fetch", server.fetch);
    const { router } = renderAt("/orgs/4/invoices", routes);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Draft an invoice", expanded: false }));
    const form = await screen.findByRole("form", { name: "Draft an invoice" });
    expect(within(form).getByRole("radio", { name: /Last month \(1 Nov 2026 – 30 Nov 2026\)/ })).toBeChecked();

    await user.click(within(form).getByRole("button", { name: "Create draft" }));
    expect(within(form).getByLabelText("Client")).toHaveAccessibleDescription("Choose the client to bill.");
    await user.selectOptions(within(form).getByLabelText("Client"), "Globex");
    await user.click(within(form).getByRole("button", { name: "Create draft" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Invoice INV-00009" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/orgs/4/invoices/9");
    expect(server.sent("POST", /invoices$/)[0]?.body).toEqual({ clientId: 3, from: "2026-11-01", to: "2026-11-30", currency: "USD" });
  });

  it("shows the server's refusal next to the choices that caused it: a custom range with nothing to bill", async () => {
    const server = api([
      list(() => ({ items: [], nextCursor: null })),
      {
        method: "POST",
        path: /\/orgs\/4\/invoices$/,
        answer: () =>
          json(422, {
            title: "Nothing to invoice",
            status: 422,
            detail: "Client 8 (Initech) has no uninvoiced billable time from 2026-09-01 to 2026-09-30; nothing was created.",
          }),
      },
    ]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/invoices", routes);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Draft an invoice", expanded: false }));
    const form = await screen.findByRole("form", { name: "Draft an invoice" });
    await user.selectOptions(within(form).getByLabelText("Client"), "Initech");
    await user.click(within(form).getByRole("radio", { name: "Other days" }));
    await user.clear(within(form).getByLabelText("From"));
    await user.type(within(form).getByLabelText("From"), "2026-09-01");
    await user.clear(within(form).getByLabelText("To"));
    await user.type(within(form).getByLabelText("To"), "2026-09-30");
    await user.clear(within(form).getByLabelText("Currency"));
    await user.type(within(form).getByLabelText("Currency"), "eur");
    await user.click(within(form).getByRole("button", { name: "Create draft" }));

    const alert = await within(form).findByRole("alert");
    expect(alert).toHaveTextContent("Nothing to invoice");
    expect(alert).toHaveTextContent("has no uninvoiced billable time from 2026-09-01 to 2026-09-30");
    expect(server.sent("POST", /invoices$/)[0]?.body).toEqual({ clientId: 8, from: "2026-09-01", to: "2026-09-30", currency: "eur" });
  });

  it("shows a draft's numbered lines and total, issues it with the dates confirmed, then marks it paid", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-06T10:00:00Z"));
    let current = invoice({ id: 1 });
    const server = api([
      { method: "GET", path: /\/orgs\/4\/invoices\/1$/, answer: () => json(200, current) },
      {
        method: "POST",
        path: /\/orgs\/4\/invoices\/1\/issue$/,
        answer: () => json(200, (current = { ...current, status: "issued", issuedOn: "2026-12-06", dueOn: "2027-01-05" })),
      },
      { method: "POST", path: /\/orgs\/4\/invoices\/1\/pay$/, answer: () => json(200, (current = { ...current, status: "paid", paidAt: "2026-12-06T10:00:00Z" })) },
    ]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/invoices/1", routes);
    const user = userEvent.setup();

    const lines = await screen.findByRole("table", { name: /Lines of invoice INV-00001/ });
    expect(within(lines).getAllByRole("row").map((row) => Array.from(row.children, (cell) => cell.textContent))).toEqual([
      ["#", "Description", "Hours", "Rate", "Amount"],
      ["1", "Support", "2.50", "$80.00", "$200.00"],
      ["2", "Website", "11.90", "$100.00", "$1,190.00"],
      ["Total (USD)", "$1,390.00"],
    ]);
    expect(screen.getByText("Globex")).toBeInTheDocument();
    expect(screen.getByText("billing@globex.test")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Mark paid" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Issue…" }));
    const confirm = screen.getByRole("form", { name: "Issue INV-00001?" });
    expect(confirm).toHaveAccessibleDescription(/can then only be marked paid or voided.*Its 4 time entries stay locked/);
    expect(within(confirm).getByLabelText("Issue date")).toHaveValue("2026-12-06");
    expect(within(confirm).getByLabelText("Issue date")).toHaveFocus();
    expect(within(confirm).getByLabelText("Due date")).toHaveValue("2027-01-05");
    await user.click(within(confirm).getByRole("button", { name: "Issue INV-00001" }));

    expect(await screen.findByText("INV-00001 is issued.")).toBeInTheDocument();
    expect(server.sent("POST", /issue$/)[0]?.body).toEqual({ issuedOn: "2026-12-06", dueOn: "2027-01-05" });
    expect(screen.getByText("6 Dec 2026")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Mark paid" })).toHaveFocus());
    await user.click(screen.getByRole("button", { name: "Mark paid" }));
    expect(await screen.findByText("INV-00001 is marked paid.")).toBeInTheDocument();
    expect(screen.getByText("Paid", { selector: ".invoice-status" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Void/ })).not.toBeInTheDocument();
  });

  it("voids an issued invoice only once confirmed, saying its entries are unlocked, and shows a refusal where it happened", async () => {
    let refuse = true;
    const issued = invoice({ id: 1, status: "issued", issuedOn: "2026-11-02", dueOn: "2026-12-02" });
    const server = api([
      { method: "GET", path: /\/orgs\/4\/invoices\/1$/, answer: () => json(200, issued) },
      {
        method: "POST",
        path: /\/orgs\/4\/invoices\/1\/void$/,
        answer: () =>
          refuse
            ? json(409, { title: "Invoice cannot move", status: 409, detail: "Invoice INV-00001 is paid; only draft or issued invoices can be voided." })
            : json(200, { ...issued, status: "void", entryCount: 0, voidedAt: "2026-12-06T10:00:00Z" }),
      },
    ]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/invoices/1", routes);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Void…" }));
    const confirm = screen.getByRole("group", { name: "Void INV-00001?" });
    expect(confirm).toHaveAccessibleDescription(/Its 4 time entries are unlocked, so they can be changed and billed on another invoice/);
    expect(server.sent("POST", /void$/)).toHaveLength(0);
    await user.click(within(confirm).getByRole("button", { name: "Void INV-00001" }));
    expect(await within(confirm).findByRole("alert")).toHaveTextContent("only draft or issued invoices can be voided");

    refuse = false;
    await user.click(within(confirm).getByRole("button", { name: "Void INV-00001" }));
    expect(await screen.findByText("INV-00001 is void.")).toBeInTheDocument();
    expect(screen.getByText(/its time entries were unlocked/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Mark paid" })).not.toBeInTheDocument();
  });

  it("tells a member the invoices are for admins and owners, and asks the server nothing about them", async () => {
    const server = api([], "member");
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/invoices/1/print", routes);
    expect(await screen.findByRole("heading", { level: 1, name: "Invoice is for admins and owners" })).toBeInTheDocument();
    expect(server.sent("GET", /invoices/)).toHaveLength(0);
  });

  it("says so when the invoice is not the organization's", async () => {
    vi.stubGlobal("fetch", api([]).fetch);
    renderAt("/orgs/4/invoices/77", routes);
    expect(await screen.findByRole("heading", { level: 1, name: "Invoice not found" })).toBeInTheDocument();
  });
});

describe("Invoice print view", () => {
  it("puts the organization, the client, the number, dates, lines and total on the page; Print prints, and the body class goes with the page", async () => {
    const issued = invoice({ id: 1, status: "issued", issuedOn: "2026-11-02", dueOn: "2026-12-02" });
    vi.stubGlobal("fetch", api([{ method: "GET", path: /\/orgs\/4\/invoices\/1$/, answer: () => json(200, issued) }]).fetch);
    const print = vi.fn();
    vi.stubGlobal("print", print);
    const { router } = renderAt("/orgs/4/invoices/1/print", routes);
    const user = userEvent.setup();

    const paper = await screen.findByRole("article", { name: "Invoice" });
    expect(document.body).toHaveClass("invoice-printing");
    expect(within(paper).getByText("Acme")).toBeInTheDocument();
    expect(within(paper).getByRole("region", { name: "Bill to" })).toHaveTextContent("Globexbilling@globex.test");
    expect(within(paper).getByText("Issue date").nextSibling).toHaveTextContent("2 Nov 2026");
    expect(within(paper).getByText("Due date").nextSibling).toHaveTextContent("2 Dec 2026");
    expect(within(paper).getAllByText("INV-00001")).toHaveLength(2);
    expect(within(paper).getByRole("row", { name: /Total \(USD\)/ })).toHaveTextContent("$1,390.00");
    expect(within(paper).queryByRole("button")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Print" }));
    expect(print).toHaveBeenCalledOnce();
    await user.click(screen.getByRole("link", { name: /Back to INV-00001/ }));
    expect(await screen.findByRole("heading", { level: 1, name: "Invoice INV-00001" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/orgs/4/invoices/1");
    expect(document.body).not.toHaveClass("invoice-printing");
  });
});
