import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import type { Organization } from "../orgs/organizations";
import { organization } from "../orgs/testData";
import { renderAt } from "../test/render";
import { fakeServer, json, serverEntry, type Route } from "../timer/fakeServer";
import type { AuditRecord, Timesheet } from "./api";

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));
afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

const me = { id: 1, email: "ada@example.test", name: "Ada", emailVerified: true, totpEnabled: false, timeZone: "UTC", defaultHourlyRate: null };

function sheet(fields: Partial<Timesheet> = {}): Timesheet {
  return {
    userId: 7, userName: "Grace Hopper", userEmail: "grace@example.test", period: "week", startsOn: "2026-11-02", endsOn: "2026-11-08",
    status: "submitted", submittedAt: "2026-11-09T08:00:00Z", decidedAt: null, decidedById: null, comment: null, trackedSeconds: 27000, entryCount: 5,
    ...fields,
  };
}

function api(extra: Route[], role: Organization["role"] = "admin") {
  const org = organization(4, "Acme", role);
  return fakeServer([
    ...extra,
    { method: "GET", path: /\/api\/v1\/me$/, answer: () => json(200, me) },
    { method: "GET", path: /\/api\/v1\/orgs$/, answer: () => json(200, [org]) },
    { method: "GET", path: /\/api\/v1\/orgs\/4$/, answer: () => json(200, org) },
    { method: "GET", path: /\/orgs\/4\/timer$/, answer: () => new Response(null, { status: 204 }) },
    { method: "GET", path: /\/orgs\/4\/projects$/, answer: () => json(200, { items: [], nextCursor: null }) },
    { method: "GET", path: /\/orgs\/4\/audit-log/, answer: () => json(200, { items: [], nextCursor: null }) },
  ]);
}

describe("Approvals", () => {
  it("lists submitted timesheets with their time, and approves one", async () => {
    let status: Timesheet["status"] = "submitted";
    const server = api([
      { method: "GET", path: /\/orgs\/4\/timesheets$/, answer: () => json(200, { items: status === "submitted" ? [sheet()] : [], nextCursor: null }) },
      { method: "POST", path: /\/timesheets\/7\/2026-11-02\/approve$/, answer: () => ((status = "approved"), json(200, sheet({ status: "approved" }))) },
    ]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/approvals", routes);

    const row = (await screen.findByText("Grace Hopper")).closest("li") as HTMLElement;
    expect(row).toHaveTextContent("Week of 2–8 Nov 2026 · 7 h 30 min in 5 entries");
    await userEvent.setup().click(within(row).getByRole("button", { name: "Approve Grace Hopper's timesheet for 2–8 Nov 2026" }));

    expect(await screen.findByText("Nothing awaits approval")).toBeInTheDocument();
    expect(screen.getByText("Grace Hopper's timesheet for 2–8 Nov 2026 is approved.")).toBeInTheDocument();
    expect(server.sent("POST", /approve$/)).toHaveLength(1);
  });

  it("rejects with the comment the member is emailed", async () => {
    const server = api([
      { method: "GET", path: /\/orgs\/4\/timesheets$/, answer: () => json(200, { items: [sheet()], nextCursor: null }) },
      {
        method: "POST",
        path: /\/reject$/,
        answer: () => json(200, sheet({ status: "rejected", comment: "Wednesday has no project." })),
      },
    ]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/approvals", routes);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Reject Grace Hopper's timesheet for 2–8 Nov 2026" }));
    await user.type(screen.getByLabelText("What should Grace Hopper fix? (emailed to them)"), "Wednesday has no project.");
    await user.click(screen.getByRole("button", { name: "Reject and email" }));

    await waitFor(() => expect(server.sent("POST", /reject$/)).toHaveLength(1));
    expect(server.sent("POST", /reject$/)[0]?.body).toEqual({ comment: "Wednesday has no project." });
  });

  it("shows members why the screen is not theirs", async () => {
    vi.stubGlobal("fetch", api([], "member").fetch);
    renderAt("/orgs/4/approvals", routes);
    expect(await screen.findByRole("heading", { name: "Approvals is for admins and owners" })).toBeInTheDocument();
  });

  it("shows the audit log's entry changes field by field", async () => {
    const row: AuditRecord = {
      id: 9, actorId: 1, actorName: "Ada", action: "time_entry.updated", entityType: "time_entry", entityId: "31", userId: 7,
      before: { startedAt: "2026-11-02T09:00:00Z", endedAt: "2026-11-02T10:00:00Z", durationSeconds: 3600, projectId: null, taskId: null,
        description: "Calls", billable: false, tags: [] },
      after: { startedAt: "2026-11-02T09:00:00Z", endedAt: "2026-11-02T10:00:00Z", durationSeconds: 3600, projectId: null, taskId: null,
        description: "Planning", billable: false, tags: ["focus"] },
      startsOn: null, endsOn: null, previousStatus: null, status: null, comment: null, role: null, previousRole: null, email: null,
      createdAt: "2026-11-03T10:00:00Z",
    };
    vi.stubGlobal("fetch", api([
      { method: "GET", path: /\/orgs\/4\/timesheets$/, answer: () => json(200, { items: [], nextCursor: null }) },
      { method: "GET", path: /\/orgs\/4\/audit-log/, answer: () => json(200, { items: [row], nextCursor: null }) },
    ]).fetch);
    renderAt("/orgs/4/approvals", routes);
    expect(await screen.findByText("Ada changed an entry #31")).toBeInTheDocument();
    expect(screen.getByText("description: Calls → Planning; tags: none → focus")).toBeInTheDocument();
  });
});

describe("Settings", () => {
  it("saves the period and lock date, and shows a refusal next to the lock date", async () => {
    let saved: unknown = null;
    const server = api([
      { method: "GET", path: /\/timesheet-policy$/, answer: () => json(200, { period: "week", lockDate: null, updatedAt: null }) },
      {
        method: "PUT",
        path: /\/timesheet-policy$/,
        answer: () =>
          saved === null
            ? ((saved = "tried"), json(400, { title: "The request is invalid", status: 400, errors: { lockDate: ["The lock date must be in the past."] } }))
            : json(200, { period: "month", lockDate: "2026-10-31", updatedAt: "2026-11-09T08:00:00Z" }),
      },
    ]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/settings", routes);
    const user = userEvent.setup();

    await user.click(await screen.findByRole("radio", { name: "Calendar month" }));
    await user.type(screen.getByLabelText("Lock date"), "2026-10-31");
    await user.click(screen.getByRole("button", { name: "Save timesheet settings" }));
    expect(await screen.findByText("The lock date must be in the past.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save timesheet settings" }));

    expect(await screen.findByText("Saved")).toBeInTheDocument();
    expect(server.sent("PUT", /timesheet-policy$/).map((r) => r.body)).toEqual([
      { period: "month", lockDate: "2026-10-31" },
      { period: "month", lockDate: "2026-10-31" },
    ]);
  });
});

describe("Timesheet period", () => {
  it("submits the week and then shows it submitted, its entries locked with the reason", async () => {
    let submitted = false;
    const entry = serverEntry({ startedAt: "2026-11-03T09:00:00Z", endedAt: "2026-11-03T10:00:00Z" });
    const server = api([
      {
        method: "GET",
        path: /\/timesheets\/1\/2026-11-02$/,
        answer: () => json(200, sheet({ userId: 1, status: submitted ? "submitted" : "open" })),
      },
      { method: "POST", path: /\/timesheets\/1\/2026-11-02\/submit$/, answer: () => ((submitted = true), json(200, sheet({ userId: 1 }))) },
      {
        method: "GET",
        path: /\/orgs\/4\/time-entries/,
        answer: () =>
          json(200, { items: [{ ...entry, lockReason: submitted ? "Locked: this timesheet is submitted for approval. Withdraw it to change its time." : null }], nextCursor: null }),
      },
    ], "member");
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/timesheet?week=2026-11-02", routes);
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { name: "Week of 2–8 Nov 2026: Not submitted" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Submit week" }));

    expect(await screen.findByRole("heading", { name: "Week of 2–8 Nov 2026: Submitted, awaiting approval" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Withdraw" })).toBeInTheDocument();
    await waitFor(() => expect(document.querySelector('[data-locked="true"]')).not.toBeNull());
  });
});
