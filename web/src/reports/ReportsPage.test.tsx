import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { client, organization, project } from "../orgs/testData";
import { renderAt } from "../test/render";
import { fakeServer, json, type Route } from "../timer/fakeServer";

// The chart draws on a canvas, which jsdom has not: a stand-in shows what it was given.
vi.mock("./TimeChart", () => ({
  default: ({ label, summary }: { label: string; summary: { days: unknown[] } }) => <div role="img" aria-label={label}>{summary.days.length} days</div>,
}));

beforeEach(() => {
  session.signIn({ accessToken: "a.b.c", expiresIn: 900 });
  vi.useFakeTimers({ toFake: ["Date"] });
  // Wednesday 25 November 2026, 23:30 UTC: already Thursday 26 in Auckland, which decides the person's today.
  vi.setSystemTime(new Date("2026-11-25T23:30:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  session.signOut();
});

const me = { id: 1, email: "ada@example.test", name: "Ada", emailVerified: true, totpEnabled: false, timeZone: "Pacific/Auckland", defaultHourlyRate: null };

const summary = (from: string, to: string) => ({
  from, to, timeZone: "Pacific/Auckland", groupBy: "project",
  groups: [
    { key: "7", name: "Website", totalSeconds: 5400, totalHours: 1.5, billableSeconds: 5400, billableHours: 1.5, billableAmount: 150 },
    { key: null, name: "(no project)", totalSeconds: 1200, totalHours: 0.33, billableSeconds: 0, billableHours: 0, billableAmount: 0 },
  ],
  totals: { totalSeconds: 6600, totalHours: 1.83, billableSeconds: 5400, billableHours: 1.5, billableAmount: 150, unratedBillableSeconds: 0 },
  days: [{ date: from, groups: [{ key: "7", seconds: 5400 }, { key: null, seconds: 1200 }], otherSeconds: 0 }],
});

const entry = (id: number, description: string) => ({
  id, date: "2026-11-24", startedAt: "2026-11-23T20:00:00Z", endedAt: "2026-11-23T21:30:00Z", userId: 1, userName: "Ada", clientId: 3, clientName: "Globex",
  projectId: 7, projectName: "Website", taskId: null, taskName: null, description, tags: ["design"], billable: true, durationSeconds: 5400, hours: 1.5,
  rate: 100, amount: 150,
});

function api(role: "owner" | "member", extra: Route[] = []) {
  return fakeServer([
    ...extra,
    { method: "GET", path: /\/api\/v1\/me$/, answer: () => json(200, me) },
    { method: "GET", path: /\/api\/v1\/orgs$/, answer: () => json(200, [organization(4, "Acme", role)]) },
    { method: "GET", path: /\/api\/v1\/orgs\/4$/, answer: () => json(200, organization(4, "Acme", role)) },
    { method: "GET", path: /\/orgs\/4\/timer$/, answer: () => new Response(null, { status: 204 }) },
    { method: "GET", path: /\/orgs\/4\/clients$/, answer: () => json(200, { items: [client(3, "Globex")], nextCursor: null }) },
    { method: "GET", path: /\/orgs\/4\/projects$/, answer: () => json(200, { items: [project(7, "Website", 3)], nextCursor: null }) },
    {
      method: "GET", path: /\/orgs\/4\/members$/,
      answer: () => json(200, { items: [{ userId: 1, email: "ada@example.test", name: "Ada", role: "owner" }, { userId: 2, email: "b@example.test", name: "Bea", role: "member" }], nextCursor: null }),
    },
    {
      method: "GET", path: /\/orgs\/4\/reports\/summary$/,
      answer: (request) => {
        const query = new URL(request.url).searchParams;
        if (query.get("groupBy") === "tag")
          return json(200, { ...summary(query.get("from")!, query.get("to")!), groups: [{ key: "9", name: "design", totalSeconds: 5400, totalHours: 1.5, billableSeconds: 0, billableHours: 0, billableAmount: 0 }] });
        return json(200, summary(query.get("from")!, query.get("to")!));
      },
    },
    {
      method: "GET", path: /\/orgs\/4\/reports\/detailed$/,
      answer: (request) =>
        new URL(request.url).searchParams.get("cursor") === null
          ? json(200, { items: [entry(1, "Homepage")], nextCursor: "c1" })
          : json(200, { items: [entry(2, "Pricing page")], nextCursor: null }),
    },
  ]);
}

describe("Reports", () => {
  it("shows this week in the person's time zone: totals, the chart, the breakdown and the entries, with more on demand", async () => {
    const server = api("owner");
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/reports", routes);

    const table = await screen.findByRole("table", { name: /Hours and amounts by project/ });
    expect(within(table).getAllByRole("row").map((row) => row.textContent)).toEqual([
      "ProjectHoursBillable hoursAmount", "Website1.501.50150.00", "(no project)0.330.000.00", "Total1.831.50150.00",
    ]);
    // Thursday 26 November in Auckland: the week from Monday 23.
    expect(server.sent("GET", /reports\/summary\?from=2026-11-23&to=2026-11-29&groupBy=project&dayGroups=8$/)).toHaveLength(1);
    expect(await screen.findByRole("img", { name: "Hours per day from 2026-11-23 to 2026-11-29, stacked by project" })).toHaveTextContent("1 days");
    expect(await screen.findByText("Homepage")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("Pricing page")).toBeInTheDocument();
    expect(server.sent("GET", /reports\/detailed\?.*cursor=c1/)).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("puts every filter in the address and sends it to the API, repeated parameters and all", async () => {
    const server = api("owner");
    vi.stubGlobal("fetch", server.fetch);
    const { router } = renderAt("/orgs/4/reports?range=last-month", routes);
    await screen.findByRole("table", { name: /by project/ });

    await userEvent.click(screen.getByText("Clients", { selector: ".check-list__legend" }));
    await userEvent.click(await screen.findByRole("checkbox", { name: "Globex" }));
    await userEvent.click(screen.getByText("Members", { selector: ".check-list__legend" }));
    await userEvent.click(await screen.findByRole("checkbox", { name: "Bea" }));
    await userEvent.click(await screen.findByRole("checkbox", { name: "Ada" }));
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Billable" }), "true");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Stack by" }), "client");

    await waitFor(() => expect(router.state.location.search).toBe("?range=last-month&clientId=3&userId=2&userId=1&billable=true&groupBy=client"));
    await waitFor(() =>
      expect(server.sent("GET", /reports\/summary\?from=2026-10-01&to=2026-10-31&clientId=3&userId=2&userId=1&billable=true&groupBy=client&dayGroups=8$/)).not.toHaveLength(0));
    expect(server.sent("GET", /reports\/detailed\?from=2026-10-01&to=2026-10-31&clientId=3&userId=2&userId=1&billable=true&limit=25$/)).not.toHaveLength(0);

    router.navigate(-1);
    await waitFor(() => expect(router.state.location.search).toBe("?range=last-month&clientId=3&userId=2&userId=1&billable=true"));
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Stack by" })).toHaveValue("project"));
  });

  it("offers the tags with time in the range and keeps the member filter from members", async () => {
    const server = api("member");
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/reports?userId=2", routes);
    await screen.findByRole("table", { name: /by project/ });

    expect(screen.queryByText("Members", { selector: ".check-list__legend" })).not.toBeInTheDocument();
    expect(server.sent("GET", /members/)).toHaveLength(0);
    expect(server.sent("GET", /reports\/summary\?.*userId/)).toHaveLength(0);
    await userEvent.click(screen.getByText("Tags", { selector: ".check-list__legend" }));
    expect(await screen.findByRole("checkbox", { name: "design" })).toBeInTheDocument();
  });

  it("says what in the address it could not read, and shows a report all the same", async () => {
    vi.stubGlobal("fetch", api("owner").fetch);
    renderAt("/orgs/4/reports?range=custom&from=2026-11-10&to=2026-11-01&billable=perhaps", routes);

    expect(await screen.findByText(/ends \(2026-11-01\) before it starts/)).toBeInTheDocument();
    expect(screen.getByText(/“perhaps” is not a billable filter/)).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: /from 2026-11-23 to 2026-11-29/ })).toBeInTheDocument();
  });

  it("says when a range has no time, and how to get some", async () => {
    const empty = { ...summary("2026-11-23", "2026-11-29"), groups: [], days: [], totals: { totalSeconds: 0, totalHours: 0, billableSeconds: 0, billableHours: 0, billableAmount: 0, unratedBillableSeconds: 0 } };
    vi.stubGlobal("fetch", api("owner", [{ method: "GET", path: /reports\/summary$/, answer: () => json(200, empty) }]).fetch);
    renderAt("/orgs/4/reports", routes);

    expect(await screen.findByText("No time in this range")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "track some time" })).toHaveAttribute("href", "/orgs/4/time");
  });

  it("shows the server's problem when the report cannot be made, with a way to try again", async () => {
    const failing: Route = { method: "GET", path: /reports\/summary$/, answer: () => json(503, { title: "Database unavailable", status: 503, detail: "Try again shortly." }) };
    vi.stubGlobal("fetch", api("owner", [failing]).fetch);
    renderAt("/orgs/4/reports", routes);

    expect(await screen.findByText("Database unavailable")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("downloads the server's CSV for the same filters, with the token, as a file", async () => {
    const csv: Route = {
      method: "GET", path: /reports\/detailed$/,
      answer: (request) =>
        request.headers.get("Accept")?.startsWith("text/csv")
          ? new Response("date,amount\r\nTotal,150.00\r\n", { headers: { "Content-Type": "text/csv", "Content-Disposition": 'attachment; filename="detailed-2026-11-23-2026-11-29.csv"' } })
          : json(200, { items: [entry(1, "Homepage")], nextCursor: null }),
    };
    const server = api("owner", [csv]);
    vi.stubGlobal("fetch", server.fetch);
    const saved: { name: string; text: string }[] = [];
    URL.createObjectURL = () => "blob:report";
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, text: this.href });
    });
    renderAt("/orgs/4/reports?tag=design", routes);

    await userEvent.click(await screen.findByRole("button", { name: "Download entries CSV" }));

    await waitFor(() => expect(saved).toEqual([{ name: "detailed-2026-11-23-2026-11-29.csv", text: "blob:report" }]));
    const [request] = server.sent("GET", /reports\/detailed\?from=2026-11-23&to=2026-11-29&tag=design$/);
    expect(request).toBeDefined();
    click.mockRestore();
  });
});
