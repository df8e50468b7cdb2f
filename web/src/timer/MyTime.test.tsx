import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { renderAt } from "../test/render";
import { organization } from "../orgs/testData";
import { fakeServer, json, project, serverEntry, type Route } from "./fakeServer";

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));
afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

const me = { id: 1, email: "ada@example.test", name: "Ada", emailVerified: true, totpEnabled: false, timeZone: "Europe/Paris", defaultHourlyRate: null };

function api(entries: ReturnType<typeof serverEntry>[], extra: Route[] = []) {
  return fakeServer([
    ...extra,
    { method: "GET", path: /\/api\/v1\/me$/, answer: () => json(200, me) },
    { method: "GET", path: /\/api\/v1\/orgs$/, answer: () => json(200, [organization(4, "Acme")]) },
    { method: "GET", path: /\/api\/v1\/orgs\/4$/, answer: () => json(200, organization(4, "Acme")) },
    { method: "GET", path: /\/orgs\/4\/timer$/, answer: () => new Response(null, { status: 204 }) },
    { method: "GET", path: /\/orgs\/4\/projects$/, answer: () => json(200, { items: [project(7, "Website")], nextCursor: null }) },
    { method: "GET", path: /\/orgs\/4\/projects\/7\/tasks$/, answer: () => json(200, { items: [], nextCursor: null }) },
    { method: "GET", path: /\/orgs\/4\/time-entries$/, answer: () => json(200, { items: entries, nextCursor: null }) },
  ]);
}

// Monday 23 November 2026 in Paris (UTC+1).
const late = serverEntry({ startedAt: "2026-11-23T23:30:00Z", endedAt: "2026-11-24T00:15:00Z", description: "Late fix", source: "manual" });
const morning = serverEntry({ startedAt: "2026-11-24T08:00:00Z", endedAt: "2026-11-24T09:30:00Z", description: "Standup and review", projectId: 7 });
const monday = serverEntry({ startedAt: "2026-11-23T08:00:00Z", endedAt: "2026-11-23T10:00:00Z", description: "Planning" });

const rowOf = (description: string) => screen.getByDisplayValue(description).closest("li") as HTMLElement;

describe("My time", () => {
  it("lists the week in the address by day in the person's time zone, with each day's total and the week's", async () => {
    const server = api([morning, late, monday]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/time?week=2026-11-25", routes);

    const tuesday = await screen.findByRole("region", { name: /Tuesday/ });
    // 23:30 UTC on Monday is 00:30 on Tuesday in Paris.
    expect(within(tuesday).getByDisplayValue("Late fix")).toBeInTheDocument();
    expect(within(rowOf("Late fix")).getByLabelText("Start")).toHaveValue("00:30");
    expect(within(rowOf("Late fix")).getByLabelText("End")).toHaveValue("01:15");
    expect(within(tuesday).getByLabelText("Day total: 2 hours 15 minutes")).toHaveTextContent("2:15:00");
    const mondayDay = screen.getByRole("region", { name: /Monday/ });
    expect(within(mondayDay).getByLabelText("Day total: 2 hours")).toHaveTextContent("2:00:00");
    expect(screen.getByLabelText("Week total: 4 hours 15 minutes")).toHaveTextContent("4:15:00");
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual([expect.stringMatching(/Tuesday/), expect.stringMatching(/Monday/)]);

    const [list] = server.sent("GET", /time-entries/);
    expect(list?.path).toContain("from=2026-11-23");
    expect(list?.path).toContain("to=2026-11-29");
    expect(list?.path).toContain("userId=1");
  });

  it("moves a week back and forth in the address, and back to this week", async () => {
    // Only the date is faked: it is Wednesday 25 November 2026 in Paris.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
    try {
      const server = api([]);
      vi.stubGlobal("fetch", server.fetch);
      const { router } = renderAt("/orgs/4/time", routes);
      const user = userEvent.setup();
      expect(await screen.findByRole("link", { name: "This week" })).toHaveAttribute("aria-current", "date");
      await user.click(screen.getByRole("link", { name: /Previous week/ }));
      await waitFor(() => expect(router.state.location.search).toBe("?week=2026-11-16"));
      await user.click(screen.getByRole("link", { name: /Next week/ }));
      // This week has the plain address.
      await waitFor(() => expect(router.state.location.search).toBe(""));
      await user.click(screen.getByRole("link", { name: /Next week/ }));
      await waitFor(() => expect(router.state.location.search).toBe("?week=2026-11-30"));
      expect(screen.getByRole("link", { name: "This week" })).not.toHaveAttribute("aria-current");
      await user.click(screen.getByRole("link", { name: "This week" }));
      await waitFor(() => expect(router.state.location.search).toBe(""));
      await waitFor(() => expect(server.sent("GET", /time-entries\?from=2026-11-30&to=2026-12-06/)).toHaveLength(1));
      expect(server.sent("GET", /time-entries\?from=2026-11-16&to=2026-11-22/)).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("says so when the week has no time", async () => {
    vi.stubGlobal("fetch", api([]).fetch);
    renderAt("/orgs/4/time?week=2026-11-23", routes);
    expect(await screen.findByText("No time tracked this week")).toBeInTheDocument();
    expect(screen.getByLabelText("Week total: less than a minute")).toHaveTextContent("0:00:00");
  });

  it("flags a timer the server stopped at the organization's limit, and keeps the flag on a row whose end was corrected", async () => {
    const stopped = serverEntry({ startedAt: "2026-11-23T08:00:00Z", endedAt: "2026-11-24T08:00:00Z", description: "Forgotten", autoStopped: true });
    vi.stubGlobal("fetch", api([stopped, morning]).fetch);
    renderAt("/orgs/4/time?week=2026-11-23", routes);

    const flag = within(await waitFor(() => rowOf("Forgotten"))).getByText("Auto-stopped");
    expect(flag).toHaveAttribute("title", expect.stringContaining("stopped there: check its end") as string);
    expect(within(rowOf("Standup and review")).queryByText("Auto-stopped")).not.toBeInTheDocument();
  });

  it("saves a description on Enter, puts it back on Escape, and shows the server's refusal next to the field", async () => {
    const entries = [morning];
    const server = api(entries, [
      {
        method: "PATCH",
        path: /\/time-entries\/\d+$/,
        answer: async (request) => {
          const body = (await request.json()) as Record<string, unknown>;
          if ("endedAt" in body) return json(400, { title: "The request is invalid.", status: 400, errors: { endedAt: ["The end must be after the start."] } });
          entries[0] = { ...morning, ...body };
          return json(200, entries[0]);
        },
      },
    ]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/time?week=2026-11-23", routes);
    const user = userEvent.setup();
    const description = await screen.findByDisplayValue("Standup and review");
    await user.clear(description);
    await user.type(description, "Standup{Enter}");
    await waitFor(() => expect(server.sent("PATCH", /time-entries/)).toHaveLength(1));
    expect(server.sent("PATCH", /time-entries/)[0]?.body).toEqual({ description: "Standup" });

    await user.type(description, " notes{Escape}");
    expect(description).toHaveValue("Standup");

    const row = rowOf("Standup");
    const end = within(row).getByLabelText("End");
    await user.clear(end);
    await user.type(end, "08:45{Enter}");
    await waitFor(() => expect(end).toHaveAccessibleDescription("The end must be after the start."));
    expect(end).toHaveAttribute("aria-invalid", "true");
    // 08:45 in Paris is 07:45 UTC, before the start at 09:00 Paris: read as the next day's 08:45.
    expect(server.sent("PATCH", /time-entries/)[1]?.body).toEqual({ endedAt: "2026-11-25T07:45:00.000Z" });
  });

  it("hides a deleted entry at once, gives the same entry back on Undo, and deletes it when the notice closes", async () => {
    const server = api([morning, monday], [{ method: "DELETE", path: /\/time-entries\/\d+$/, answer: () => new Response(null, { status: 204 }) }]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/time?week=2026-11-23", routes);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Delete: Planning" }));
    expect(screen.queryByDisplayValue("Planning")).not.toBeInTheDocument();
    expect(screen.getByText("Entry deleted.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Undo" })).toHaveFocus();
    expect(screen.getByLabelText("Week total: 1 hour 30 minutes")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Undo" }));
    expect(screen.getByDisplayValue("Planning")).toBeInTheDocument();
    expect(screen.getByLabelText("Week total: 3 hours 30 minutes")).toBeInTheDocument();
    expect(server.sent("DELETE", /time-entries/)).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Delete: Planning" }));
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    await waitFor(() => expect(server.sent("DELETE", /time-entries/)).toHaveLength(1));
    expect(server.sent("DELETE", /time-entries/)[0]?.path).toMatch(new RegExp(`/time-entries/${monday.id}$`));
  });

  it("continues an entry: the timer runs at once with its details, as the server's continue starts it", async () => {
    const started = serverEntry({ startedAt: new Date().toISOString(), description: "Standup and review", projectId: 7 });
    const server = api([morning], [{ method: "POST", path: /\/time-entries\/\d+\/continue$/, answer: () => json(201, started) }]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/time?week=2026-11-23", routes);
    await userEvent.setup().click(await screen.findByRole("button", { name: "Continue: Standup and review" }));
    expect(screen.getByRole("button", { name: "Stop" })).toBeInTheDocument();
    await waitFor(() => expect(server.sent("POST", /continue$/)).toHaveLength(1));
    expect(server.sent("POST", /continue$/)[0]?.path).toBe(`/api/v1/orgs/4/time-entries/${morning.id}/continue`);
    expect(server.sent("POST", /timer\/start$/)).toHaveLength(0);
  });

  it("says why an entry cannot be continued, and the timer bar goes back to what ran", async () => {
    const refusal = { title: "Entry cannot be continued", status: 409, detail: "Time entry 3 cannot be continued: Project 7 is archived; restore it or choose another." };
    const server = api([morning], [{ method: "POST", path: /\/continue$/, answer: () => json(409, refusal) }]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/time?week=2026-11-23", routes);
    await userEvent.setup().click(await screen.findByRole("button", { name: "Continue: Standup and review" }));
    expect(await screen.findByText(/Project 7 is archived/)).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Start" })).toBeInTheDocument();
  });

  it("records time by hand in the person's time zone", async () => {
    const created = serverEntry({ startedAt: "2026-11-24T13:00:00Z", endedAt: "2026-11-24T14:00:00Z" });
    const server = api([], [{ method: "POST", path: /\/time-entries$/, answer: () => json(201, created) }]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/time?week=2026-11-23", routes);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add time" }));
    const form = await screen.findByRole("form", { name: "Add time" });
    const date = within(form).getByLabelText("Date");
    await user.clear(date);
    await user.type(date, "2026-11-24");
    await user.clear(within(form).getByLabelText("Start"));
    await user.type(within(form).getByLabelText("Start"), "14:00");
    await user.clear(within(form).getByLabelText("End"));
    await user.type(within(form).getByLabelText("End"), "15:00");
    await user.type(within(form).getByLabelText("Description"), "Client call");
    await user.click(within(form).getByRole("button", { name: "Save entry" }));
    await waitFor(() => expect(server.sent("POST", /time-entries$/)).toHaveLength(1));
    expect(server.sent("POST", /time-entries$/)[0]?.body).toEqual({
      startedAt: "2026-11-24T13:00:00.000Z",
      endedAt: "2026-11-24T14:00:00.000Z",
      description: "Client call",
      projectId: null,
      taskId: null,
      tags: [],
    });
  });
});

describe("My time while the organization is read-only", () => {
  it("shows the week's entries without a way to change, continue or add time, and says why", async () => {
    const readOnly = { ...organization(4, "Acme", "member"), billingStatus: "canceled" as const, readOnly: true };
    const server = api([morning], [{ method: "GET", path: /\/api\/v1\/orgs\/4$/, answer: () => json(200, readOnly) }]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/time?week=2026-11-25", routes);

    expect(await screen.findByText("This week is read-only")).toBeInTheDocument();
    expect(screen.getByText(/Acme is read-only until its subscription is renewed/)).toHaveTextContent("An owner can renew it.");
    expect(await screen.findByDisplayValue("Standup and review")).toHaveAttribute("readonly");
    const row = rowOf("Standup and review");
    expect(within(row).queryByRole("button", { name: /^Continue/ })).not.toBeInTheDocument();
    expect(within(row).queryByRole("button", { name: /^Delete/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add time" })).not.toBeInTheDocument();
  });
});
