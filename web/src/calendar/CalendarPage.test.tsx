import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { organization } from "../orgs/testData";
import { renderAt } from "../test/render";
import { fakeServer, json, project, serverEntry, type Route } from "../timer/fakeServer";

const me = { id: 1, email: "ada@example.test", name: "Ada", emailVerified: true, totpEnabled: false, timeZone: "Europe/Paris", defaultHourlyRate: null };

beforeEach(() => {
  session.signIn({ accessToken: "a.b.c", expiresIn: 900 });
  // Only the date is faked: it is Wednesday 2 December 2026, 13:00 in Paris (UTC+1).
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-02T12:00:00Z"));
  // A column is 48 px an hour from its top; the week's columns are 100 px wide from x = 100.
  vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
    const index = [...(this.parentElement?.children ?? [])].filter((element) => element.classList.contains("cal__day")).indexOf(this);
    return DOMRect.fromRect({ x: this.classList.contains("cal__day") ? 100 + index * 100 : 0, y: 0, width: 100, height: 24 * 48 });
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  session.signOut();
});

type Entry = ReturnType<typeof serverEntry>;

/** The fake API, keeping `entries` as the server would: what is created or changed is in the next list. */
function api(entries: Entry[], extra: Route[] = [], timer: Entry | null = null) {
  const keep = async (answer: Response, change: (entry: Entry) => void) => {
    if (answer.ok) change((await answer.clone().json()) as Entry);
    return answer;
  };
  return fakeServer([
    ...extra.map((route) => ({
      ...route,
      answer: async (request: Request, match: RegExpExecArray) =>
        route.method === "GET"
          ? route.answer(request, match)
          : keep(await route.answer(request, match), (entry) =>
              route.method === "POST" ? entries.push(entry) : entries.splice(entries.findIndex((e) => e.id === entry.id), 1, entry),
            ),
    })),
    { method: "GET", path: /\/api\/v1\/me$/, answer: () => json(200, me) },
    { method: "GET", path: /\/api\/v1\/orgs$/, answer: () => json(200, [organization(4, "Acme", "member")]) },
    { method: "GET", path: /\/api\/v1\/orgs\/4$/, answer: () => json(200, organization(4, "Acme", "member")) },
    { method: "GET", path: /\/orgs\/4\/timer$/, answer: () => (timer ? json(200, timer) : new Response(null, { status: 204 })) },
    { method: "GET", path: /\/orgs\/4\/projects$/, answer: () => json(200, { items: [project(7, "Website")], nextCursor: null }) },
    { method: "GET", path: /\/orgs\/4\/projects\/7\/tasks$/, answer: () => json(200, { items: [], nextCursor: null }) },
    { method: "GET", path: /\/orgs\/4\/time-entries$/, answer: () => json(200, { items: entries, nextCursor: null }) },
  ]);
}

// Wednesday 2 December 2026 in Paris: 09:00–10:30 and 10:00–11:00 overlap.
const review = serverEntry({ startedAt: "2026-12-02T08:00:00Z", endedAt: "2026-12-02T09:30:00Z", description: "Design review", projectId: 7 });
const call = serverEntry({ startedAt: "2026-12-02T09:00:00Z", endedAt: "2026-12-02T10:00:00Z", description: "Client call" });
const invoiced = serverEntry({ startedAt: "2026-11-30T13:00:00Z", endedAt: "2026-11-30T15:00:00Z", description: "Audit", lockedAt: "2026-12-01T00:00:00Z", invoiceId: 3 });

const column = (day: string) => document.querySelector(`.cal__day[data-day="${day}"]`) as HTMLElement;
/** A mouse drag from one clock time to another (48 px an hour), in the column of `day`. */
function drag(target: Element, from: number, to: number, x = 150) {
  fireEvent.pointerDown(target, { pointerId: 1, pointerType: "mouse", button: 0, clientX: x, clientY: from * 48 });
  fireEvent.pointerMove(target, { pointerId: 1, pointerType: "mouse", clientX: x, clientY: ((from + to) / 2) * 48 });
  fireEvent.pointerMove(target, { pointerId: 1, pointerType: "mouse", clientX: x, clientY: to * 48 });
  fireEvent.pointerUp(target, { pointerId: 1, pointerType: "mouse", button: 0, clientX: x, clientY: to * 48 });
}

describe("Calendar", () => {
  it("draws the week of the address in the person's time zone, each entry a button named by what, project and times", async () => {
    const server = api([review, call, invoiced]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/calendar?view=week&date=2026-12-02", routes);

    const first = await screen.findByRole("button", { name: "Design review, Website, 09:00 to 10:30" });
    const second = screen.getByRole("button", { name: "Client call, no project, 10:00 to 11:00" });
    expect(within(screen.getByRole("group", { name: /Wednesday/ })).getAllByRole("button")).toHaveLength(2);
    // Side by side, each half the column.
    expect([first.style.left, first.style.width]).toEqual(["calc(0% + 1px)", "calc(50% - 3px)"]);
    expect([second.style.left, second.style.width]).toEqual(["calc(50% + 1px)", "calc(50% - 3px)"]);
    // 09:00 is 9 hours of 48 px down.
    expect([first.style.top, first.style.height]).toEqual(["432px", "72px"]);
    const locked = screen.getByRole("button", { name: "Audit, no project, 14:00 to 16:00, locked (invoiced)" });
    expect(locked.closest("[role=group]")).toHaveAccessibleName(/Monday/);
    expect(locked.querySelector("[data-edge]")).toBeNull();
    expect(first.querySelectorAll("[data-edge]")).toHaveLength(2);
    expect(screen.getByText(/November 30 – December 6, 2026|30 November – 6 December 2026/)).toBeInTheDocument();
    // From the day before: an entry across Sunday midnight is drawn on Monday too.
    expect(server.sent("GET", /time-entries/)[0]?.path).toMatch(/from=2026-11-29&to=2026-12-06/);
  });

  it("moves between days and weeks, and switches the view, in the address", async () => {
    vi.stubGlobal("fetch", api([]).fetch);
    const { router } = renderAt("/orgs/4/calendar?view=week&date=2026-12-02", routes);
    const user = userEvent.setup();
    // An empty week has no entry to tab to: its hours are a named region that takes focus, so keys can scroll it.
    await user.click(await screen.findByRole("link", { name: /Next week/ }));
    await waitFor(() => expect(router.state.location.search).toBe("?view=week&date=2026-12-09"));
    expect(screen.getByRole("region", { name: "The week, hour by hour" })).toHaveAttribute("tabindex", "0");
    expect(screen.getByRole("link", { name: "Today" })).not.toHaveAttribute("aria-current");
    await user.click(screen.getByRole("link", { name: "Day" }));
    await waitFor(() => expect(router.state.location.search).toBe("?view=day&date=2026-12-09"));
    expect(screen.getByRole("region", { name: "The day, hour by hour" })).toHaveAttribute("tabindex", "0");
    await user.click(screen.getByRole("link", { name: /Previous day/ }));
    await waitFor(() => expect(router.state.location.search).toBe("?view=day&date=2026-12-08"));
    await user.click(screen.getByRole("link", { name: "Today" }));
    await waitFor(() => expect(router.state.location.search).toBe("?view=day&date=2026-12-02"));
    expect(screen.getByRole("link", { name: "Today" })).toHaveAttribute("aria-current", "date");
    expect(screen.getByText(/^Wednesday, (December 2, 2026|2 December 2026)$/)).toBeInTheDocument();
  });

  it("creates an entry from a drag on empty time, snapped to quarter hours, and opens it to describe", async () => {
    const created = serverEntry({ startedAt: "2026-12-02T13:00:00Z", endedAt: "2026-12-02T14:30:00Z", source: "manual" });
    const server = api([], [{ method: "POST", path: /\/time-entries$/, answer: () => json(201, created) }]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/calendar?view=day&date=2026-12-02", routes);
    await screen.findByRole("group", { name: /Wednesday/ });

    drag(column("2026-12-02"), 14.1, 15.55);

    await waitFor(() => expect(server.sent("POST", /time-entries$/)).toHaveLength(1));
    expect(server.sent("POST", /time-entries$/)[0]?.body).toEqual({ startedAt: "2026-12-02T13:00:00.000Z", endedAt: "2026-12-02T14:30:00.000Z" });
    const editor = await screen.findByRole("dialog", { name: /Edit entry/ });
    expect(within(editor).getByLabelText("Description")).toHaveFocus();
    expect(screen.getByRole("button", { name: "No description, no project, 14:00 to 15:30" })).toBeInTheDocument();
  });

  it("changes an entry's end from a drag on its bottom edge, and snaps back saying why when the server refuses", async () => {
    const refusal = { title: "Overlaps the running timer", status: 409, detail: "The entry ends at 2026-12-02T10:00:00Z, after the running timer started." };
    let answer = json(200, { ...review, endedAt: "2026-12-02T10:00:00Z", durationSeconds: 7200 });
    const server = api([review], [{ method: "PATCH", path: /\/time-entries\/\d+$/, answer: () => answer }]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/calendar?view=day&date=2026-12-02", routes);
    const block = await screen.findByRole("button", { name: /Design review/ });

    drag(block.querySelector('[data-edge="end"]') as Element, 10.5, 11.1);

    await waitFor(() => expect(server.sent("PATCH", /time-entries/)).toHaveLength(1));
    expect(server.sent("PATCH", /time-entries/)[0]?.body).toEqual({ endedAt: "2026-12-02T10:00:00.000Z" });
    expect(await screen.findByRole("button", { name: "Design review, Website, 09:00 to 11:00" })).toBeInTheDocument();
    // The click a browser sends after the drag does not open the block.
    fireEvent.click(screen.getByRole("button", { name: /Design review/ }));
    expect(screen.queryByRole("dialog")).toBeNull();

    answer = json(409, refusal);
    const moved = screen.getByRole("button", { name: /Design review/ });
    drag(moved.querySelector('[data-edge="start"]') as Element, 9, 8);
    await waitFor(() => expect(server.sent("PATCH", /time-entries/)).toHaveLength(2));
    expect(server.sent("PATCH", /time-entries/)[1]?.body).toEqual({ startedAt: "2026-12-02T07:00:00.000Z" });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The entry was not changed");
    expect(alert).toHaveTextContent("after the running timer started");
    expect(screen.getByRole("button", { name: "Design review, Website, 09:00 to 11:00" }).style.top).toBe("432px");
  });

  it("moves an entry by dragging it, to another day of the week, keeping its length", async () => {
    const server = api([call], [{ method: "PATCH", path: /\/time-entries\/\d+$/, answer: () => json(200, call) }]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/calendar?view=week&date=2026-12-02", routes);
    const block = await screen.findByRole("button", { name: /Client call/ });
    // Wednesday is the third column (x 300–400); Thursday the fourth. 10:00 down to 11:15, one day on.
    fireEvent.pointerDown(block, { pointerId: 2, pointerType: "mouse", button: 0, clientX: 350, clientY: 10.2 * 48 });
    fireEvent.pointerMove(block, { pointerId: 2, pointerType: "mouse", clientX: 450, clientY: 11.4 * 48 });
    fireEvent.pointerUp(block, { pointerId: 2, pointerType: "mouse", button: 0, clientX: 450, clientY: 11.4 * 48 });
    await waitFor(() => expect(server.sent("PATCH", /time-entries/)).toHaveLength(1));
    expect(server.sent("PATCH", /time-entries/)[0]?.body).toEqual({ startedAt: "2026-12-03T10:15:00.000Z", endedAt: "2026-12-03T11:15:00.000Z" });
  });

  it("draws the running timer from the timer's query, to now, and does not let it be dragged longer", async () => {
    const running = serverEntry({ startedAt: "2026-12-02T10:30:00Z", description: "Writing" });
    vi.stubGlobal("fetch", api([{ ...running }], [], running).fetch);
    renderAt("/orgs/4/calendar?view=day&date=2026-12-02", routes);
    const block = await screen.findByRole("button", { name: "Writing, no project, 11:30 to now, running" });
    // 11:30 to 13:00 (now) is an hour and a half.
    expect([block.style.top, block.style.height]).toEqual([`${11.5 * 48}px`, `${1.5 * 48}px`]);
    expect(block.querySelector('[data-edge="end"]')).toBeNull();
    expect(screen.getAllByRole("button", { name: /Writing/ })).toHaveLength(1);
  });

  it("opens a block with Enter to edit it, closes with Escape back on the block, and creates by keyboard with Add time", async () => {
    const server = api([review], [{ method: "PATCH", path: /\/time-entries\/\d+$/, answer: () => json(200, { ...review, description: "Design sign-off" }) }]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/calendar?view=day&date=2026-12-02", routes);
    const user = userEvent.setup();
    const block = await screen.findByRole("button", { name: /Design review/ });
    block.focus();
    await user.keyboard("{Enter}");
    const editor = screen.getByRole("dialog", { name: /Edit entry/ });
    const description = within(editor).getByLabelText("Description");
    expect(description).toHaveFocus();
    await user.clear(description);
    await user.type(description, "Design sign-off{Enter}");
    await waitFor(() => expect(server.sent("PATCH", /time-entries/)[0]?.body).toEqual({ description: "Design sign-off" }));
    expect(within(editor).getByLabelText("Start")).toHaveValue("09:00");
    expect(within(editor).getByRole("button", { name: /Delete/ })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("button", { name: /Design sign-off/ })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: "Add time" }));
    const form = screen.getByRole("form", { name: "Add time" });
    expect(within(form).getByLabelText("Date")).toHaveValue("2026-12-02");
  });
});

describe("the calendar while the organization is read-only", () => {
  it("draws the entries but creates, moves and resizes nothing, opens them read-only, and says why", async () => {
    const readOnly = { ...organization(4, "Acme", "member"), billingStatus: "canceled" as const, readOnly: true };
    const server = api([review], [{ method: "GET", path: /\/api\/v1\/orgs\/4$/, answer: () => json(200, readOnly) }]);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/orgs/4/calendar?view=day&date=2026-12-02", routes);

    const block = await screen.findByRole("button", { name: "Design review, Website, 09:00 to 10:30" });
    expect(screen.getByText("This calendar is read-only")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add time" })).not.toBeInTheDocument();
    drag(column("2026-12-02"), 14.1, 15.55);
    expect(block.querySelectorAll("[class*='edge']")).toHaveLength(0);

    await userEvent.setup().click(block);
    const editor = await screen.findByRole("dialog", { name: /Entry \(read-only\)/ });
    expect(within(editor).getByLabelText("Description")).toHaveAttribute("readonly");
    expect(server.sent("POST", /time-entries$/)).toHaveLength(0);
    expect(server.sent("PATCH", /time-entries/)).toHaveLength(0);
  });
});
