import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { organization } from "../orgs/testData";
import { renderAt } from "../test/render";
import { fakeServer, json, project, serverEntry, type Route } from "../timer/fakeServer";

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));
afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

const me = { id: 1, email: "ada@example.test", name: "Ada", emailVerified: true, totpEnabled: false, timeZone: "Europe/Paris", defaultHourlyRate: null };
type Entry = ReturnType<typeof serverEntry>;
const task = (id: number, projectId: number, name: string) => ({ id, projectId, name, archived: false, archivedAt: null, createdAt: "2026-01-01T00:00:00Z" });

/**
 * The API with a week of entries it keeps: the list answers one entry a page (so the page must follow `nextCursor`),
 * and creating, changing and deleting entries change what it lists next.
 */
function api(entries: Entry[], options: { readOnly?: boolean; extra?: Route[] } = {}) {
  const withDuration = (entry: Entry): Entry => ({
    ...entry,
    durationSeconds: entry.endedAt === null ? null : (Date.parse(entry.endedAt) - Date.parse(entry.startedAt)) / 1000,
  });
  const server = fakeServer([
    ...(options.extra ?? []),
    { method: "GET", path: /\/api\/v1\/me$/, answer: () => json(200, me) },
    { method: "GET", path: /\/api\/v1\/orgs$/, answer: () => json(200, [organization(4, "Acme")]) },
    { method: "GET", path: /\/api\/v1\/orgs\/4$/, answer: () => json(200, { ...organization(4, "Acme", "member"), readOnly: options.readOnly ?? false }) },
    { method: "GET", path: /\/orgs\/4\/timer$/, answer: () => new Response(null, { status: 204 }) },
    { method: "GET", path: /\/orgs\/4\/projects$/, answer: () => json(200, { items: [project(8, "Mobile app"), project(7, "Website")], nextCursor: null }) },
    { method: "GET", path: /\/orgs\/4\/projects\/7\/tasks$/, answer: () => json(200, { items: [task(3, 7, "Design")], nextCursor: null }) },
    { method: "GET", path: /\/orgs\/4\/projects\/8\/tasks$/, answer: () => json(200, { items: [], nextCursor: null }) },
    {
      method: "GET",
      path: /\/orgs\/4\/time-entries$/,
      answer: (request) => {
        const at = Number(new URL(request.url).searchParams.get("cursor") ?? 0);
        return json(200, { items: entries.slice(at, at + 1), nextCursor: at + 1 < entries.length ? String(at + 1) : null });
      },
    },
    {
      method: "POST",
      path: /\/orgs\/4\/time-entries$/,
      answer: async (request) => {
        const created = withDuration(serverEntry({ ...((await request.json()) as { startedAt: string }), source: "manual" }));
        entries.push(created);
        return json(201, created);
      },
    },
    {
      method: "PATCH",
      path: /\/orgs\/4\/time-entries\/(\d+)$/,
      answer: async (request, match) => {
        const index = entries.findIndex((entry) => entry.id === Number(match[1]));
        entries[index] = withDuration({ ...entries[index]!, ...((await request.json()) as object) });
        return json(200, entries[index]);
      },
    },
    {
      method: "DELETE",
      path: /\/orgs\/4\/time-entries\/(\d+)$/,
      answer: (_request, match) => {
        entries.splice(
          entries.findIndex((entry) => entry.id === Number(match[1])),
          1,
        );
        return new Response(null, { status: 204 });
      },
    },
  ]);
  vi.stubGlobal("fetch", server.fetch);
  return server;
}

// The week of Monday 23 November 2026, in Paris (UTC+1).
const week = "/orgs/4/timesheet?week=2026-11-25";
const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const grid = () => screen.getByRole("grid", { name: "Week timesheet" });
const row = (name: RegExp) => within(grid()).getByRole("row", { name });
/** The cell of a row on a day (0 = Monday), or its total (7). */
const cell = (name: RegExp, day: number) => within(row(name)).getAllByRole("gridcell")[day]!;
/** What the grid last said to screen readers. */
const announcer = () => within(grid().closest(".ts") as HTMLElement).getByRole("status");
const focused = () => document.activeElement as HTMLElement;

describe("The week timesheet", () => {
  it("lays the week out by project and task and day, in the person's time zone, with every total", async () => {
    const server = api([
      serverEntry({ startedAt: "2026-11-23T08:00:00Z", endedAt: "2026-11-23T10:00:00Z", projectId: 7, taskId: 3 }),
      // 23:30 UTC on Monday is Tuesday in Paris.
      serverEntry({ startedAt: "2026-11-23T23:30:00Z", endedAt: "2026-11-24T00:15:00Z", projectId: 7, taskId: 3 }),
      serverEntry({ startedAt: "2026-11-24T13:00:00Z", endedAt: "2026-11-24T14:30:00Z", projectId: 8 }),
    ]);
    renderAt(week, routes);
    await screen.findByRole("grid", { name: "Week timesheet" });
    expect(screen.getByText(/23.+29.+2026/)).toBeInTheDocument();
    expect(within(grid()).getAllByRole("columnheader").map((header) => header.textContent)).toEqual([
      "Project",
      ...days.map((day, i) => expect.stringMatching(new RegExp(`^${day}\\D*${23 + i}`))),
      "Total",
    ]);
    await waitFor(() => expect(row(/^Website\W*Design/)).toBeInTheDocument());
    expect(within(row(/^Website\W*Design/)).getByRole("rowheader")).toHaveTextContent("WebsiteDesign");
    expect(cell(/^Website\W*Design/, 0)).toHaveTextContent("2:00");
    expect(cell(/^Website\W*Design/, 1)).toHaveTextContent("0:45");
    expect(cell(/^Website\W*Design/, 7)).toHaveTextContent("2:45");
    expect(cell(/^Mobile app/, 1)).toHaveTextContent("1:30");
    expect(cell(/^Total/, 1)).toHaveTextContent("2:15");
    expect(cell(/^Total/, 7)).toHaveTextContent("4:15");
    expect(cell(/^Total/, 7)).toHaveTextContent("4 hours 15 minutes");

    // One list for the week, read to its end: the fake answers a page per entry.
    const lists = server.sent("GET", /time-entries/);
    expect(lists.map((list) => new URL(list.path, "http://x").searchParams.get("cursor"))).toEqual([null, "1", "2"]);
    expect(lists[0]?.path).toContain("from=2026-11-23&to=2026-11-29&userId=1");
  });

  it("turns a duration typed into an empty cell into an entry after the day's last one, and updates the totals", async () => {
    const server = api([serverEntry({ startedAt: "2026-11-24T08:00:00Z", endedAt: "2026-11-24T11:00:00Z", projectId: 8 })]);
    renderAt(week, routes);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add row" }));
    const form = screen.getByRole("form", { name: "Add a row" });
    await user.selectOptions(within(form).getByLabelText("Project"), "Website");
    await user.selectOptions(within(form).getByLabelText("Task (optional)"), await within(form).findByRole("option", { name: "Design" }));
    await user.click(within(form).getByRole("button", { name: "Add row" }));
    // The new row's Monday has focus; right to Tuesday, type, Enter.
    await waitFor(() => expect(focused()).toBe(cell(/^Website\W*Design/, 0)));
    await user.keyboard("{ArrowRight}1h 30m{Enter}");
    expect(cell(/^Website\W*Design/, 1)).toHaveFocus();
    await waitFor(() => expect(server.sent("POST", /time-entries$/)).toHaveLength(1));
    // After Tuesday's last entry, which ended at 12:00 in Paris.
    expect(server.sent("POST", /time-entries$/)[0]?.body).toEqual({
      startedAt: "2026-11-24T11:00:00.000Z",
      endedAt: "2026-11-24T12:30:00.000Z",
      projectId: 7,
      taskId: 3,
    });
    await waitFor(() => expect(cell(/^Total/, 1)).toHaveTextContent("4:30"));
    expect(cell(/^Website\W*Design/, 7)).toHaveTextContent("1:30");
    expect(cell(/^Total/, 7)).toHaveTextContent("4:30");
    expect(announcer()).toHaveTextContent(/^Saved Website, Design, Tuesday\b.*: 1 hour 30 minutes\.$/);
    expect(screen.getByText("All changes saved")).toBeInTheDocument();

    // An empty day starts at nine in the morning, Paris time.
    await user.keyboard("{ArrowRight}2{Enter}");
    await waitFor(() => expect(server.sent("POST", /time-entries$/)).toHaveLength(2));
    expect(server.sent("POST", /time-entries$/)[1]?.body).toMatchObject({ startedAt: "2026-11-25T08:00:00.000Z", endedAt: "2026-11-25T10:00:00.000Z" });
  });

  it("changes a cell's one entry by its end, trims the newest of several, and deletes a cleared cell's entries", async () => {
    const only = serverEntry({ startedAt: "2026-11-23T08:00:00Z", endedAt: "2026-11-23T09:00:00Z", projectId: 8 });
    const older = serverEntry({ startedAt: "2026-11-24T08:00:00Z", endedAt: "2026-11-24T09:00:00Z", projectId: 8 });
    const newer = serverEntry({ startedAt: "2026-11-24T10:00:00Z", endedAt: "2026-11-24T10:30:00Z", projectId: 8 });
    const server = api([only, older, newer]);
    renderAt(week, routes);
    const user = userEvent.setup();
    await waitFor(() => expect(cell(/^Mobile app/, 1)).toHaveTextContent("1:30"));

    await user.click(cell(/^Mobile app/, 0));
    const input = within(cell(/^Mobile app/, 0)).getByRole("textbox", { name: /^Mobile app, Monday/ });
    expect(input).toHaveValue("1:00");
    await user.clear(input);
    await user.type(input, "2.5{Enter}");
    await waitFor(() => expect(server.sent("PATCH", /time-entries/)).toHaveLength(1));
    expect(server.sent("PATCH", /time-entries/)[0]).toMatchObject({ path: expect.stringMatching(new RegExp(`/${only.id}$`)), body: { endedAt: "2026-11-23T10:30:00.000Z" } });

    // 1:30 to 0:45: the newer half hour goes, and a quarter of the older hour.
    await user.keyboard("{ArrowRight}");
    await user.keyboard("{F2}");
    await user.keyboard("45m{Enter}");
    await waitFor(() => expect(server.sent("PATCH", /time-entries/)).toHaveLength(2));
    expect(server.sent("DELETE", /time-entries/).map((request) => request.path)).toEqual([expect.stringMatching(new RegExp(`/${newer.id}$`))]);
    expect(server.sent("PATCH", /time-entries/)[1]?.body).toEqual({ endedAt: "2026-11-24T08:45:00.000Z" });
    await waitFor(() => expect(cell(/^Mobile app/, 1)).toHaveTextContent("0:45"));

    // Backspace empties the cell; Enter removes its time.
    await user.keyboard("{Backspace}{Enter}");
    await waitFor(() => expect(server.sent("DELETE", /time-entries/)).toHaveLength(2));
    expect(server.sent("DELETE", /time-entries/)[1]?.path).toMatch(new RegExp(`/${older.id}$`));
    await waitFor(() => expect(cell(/^Total/, 7)).toHaveTextContent("2:30"));
  });

  it("keeps a row whose last time was cleared, so the person can type it again", async () => {
    const server = api([serverEntry({ startedAt: "2026-11-23T08:00:00Z", endedAt: "2026-11-23T09:00:00Z", projectId: 8 })]);
    renderAt(week, routes);
    const user = userEvent.setup();
    await waitFor(() => expect(cell(/^Mobile app/, 0)).toHaveTextContent("1:00"));
    await user.click(cell(/^Mobile app/, 0));
    await user.keyboard("{Delete}{Enter}");
    await waitFor(() => expect(server.sent("DELETE", /time-entries/)).toHaveLength(1));
    await waitFor(() => expect(server.sent("GET", /time-entries/).length).toBeGreaterThan(1));
    expect(cell(/^Mobile app/, 7)).toHaveTextContent("0:00");
    expect(cell(/^Mobile app/, 0)).toHaveFocus();
  });

  it("says what is wrong with text that is no duration, on its cell, and sends nothing", async () => {
    const server = api([serverEntry({ startedAt: "2026-11-23T08:00:00Z", endedAt: "2026-11-23T09:00:00Z", projectId: 8 })]);
    renderAt(week, routes);
    const user = userEvent.setup();
    await waitFor(() => expect(cell(/^Mobile app/, 0)).toHaveTextContent("1:00"));
    await user.click(cell(/^Mobile app/, 2));
    await user.keyboard("1:75{Enter}");
    const input = within(cell(/^Mobile app/, 2)).getByRole("textbox");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("Minutes go up to 59 after the colon: write 2:15 instead.");
    expect(input).toHaveFocus();

    // Leaving the cell keeps the text and the error; Escape on it gives the cell back its time.
    await user.keyboard("{Tab}");
    expect(cell(/^Mobile app/, 2)).toHaveTextContent("1:75");
    expect(cell(/^Mobile app/, 2)).toHaveAccessibleDescription("Minutes go up to 59 after the colon: write 2:15 instead.");
    expect(screen.getByText("1 cell is not saved")).toBeInTheDocument();
    await user.click(cell(/^Mobile app/, 2));
    await user.keyboard("{Escape}");
    expect(cell(/^Mobile app/, 2)).toHaveFocus();
    expect(cell(/^Mobile app/, 2)).not.toHaveTextContent("1:75");
    expect(server.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  it("keeps the typed text when the server refuses it, and says why", async () => {
    const refusal = {
      title: "The request is invalid",
      status: 400,
      detail: "One or more fields are invalid: …",
      errors: { projectId: ["Project 8 is archived; no time can be put on it."] },
    };
    api([serverEntry({ startedAt: "2026-11-23T08:00:00Z", endedAt: "2026-11-23T09:00:00Z", projectId: 8 })], {
      extra: [{ method: "POST", path: /\/time-entries$/, answer: () => json(400, refusal) }],
    });
    renderAt(week, routes);
    const user = userEvent.setup();
    await waitFor(() => expect(cell(/^Mobile app/, 0)).toHaveTextContent("1:00"));
    await user.click(cell(/^Mobile app/, 3));
    await user.keyboard("3{Enter}");
    await waitFor(() => expect(cell(/^Mobile app/, 3)).toHaveAccessibleDescription("Project 8 is archived; no time can be put on it."));
    expect(cell(/^Mobile app/, 3)).toHaveTextContent(/^33, not saved/);
    expect(cell(/^Mobile app/, 3)).toHaveAttribute("data-state", "failed");
    expect(cell(/^Total/, 3)).toHaveTextContent("0:00");
    expect(announcer()).toHaveTextContent(/^Not saved: Mobile app, Thursday\b.*\. Project 8 is archived; no time can be put on it\.$/);
    // Editing it again starts from what was typed.
    await user.keyboard("{Enter}");
    expect(within(cell(/^Mobile app/, 3)).getByRole("textbox")).toHaveValue("3");
  });

  it("moves by keyboard with one cell in the tab order, and leaves the grid with Tab", async () => {
    api([serverEntry({ startedAt: "2026-11-23T08:00:00Z", endedAt: "2026-11-23T09:00:00Z", projectId: 8 })]);
    renderAt(week, routes);
    const user = userEvent.setup();
    await waitFor(() => expect(cell(/^Mobile app/, 0)).toHaveTextContent("1:00"));
    const tabbable = () => [...grid().querySelectorAll("[tabindex='0']")];
    expect(tabbable()).toEqual([cell(/^Mobile app/, 0)]);

    cell(/^Mobile app/, 0).focus();
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(cell(/^Mobile app/, 2)).toHaveFocus();
    expect(tabbable()).toEqual([cell(/^Mobile app/, 2)]);
    await user.keyboard("{ArrowDown}");
    expect(cell(/^Total/, 2)).toHaveFocus();
    await user.keyboard("{End}");
    expect(cell(/^Total/, 7)).toHaveFocus();
    await user.keyboard("{Home}");
    expect(within(row(/^Total/)).getByRole("rowheader")).toHaveFocus();
    await user.keyboard("{Control>}{Home}{/Control}");
    expect(within(grid()).getByRole("columnheader", { name: "Project" })).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowRight}{Enter}");
    expect(within(cell(/^Mobile app/, 0)).getByRole("textbox")).toHaveValue("1:00");
    await user.keyboard("{Escape}");
    expect(cell(/^Mobile app/, 0)).toHaveFocus();
    // A total is read-only: Enter does not edit it.
    await user.keyboard("{End}{Enter}");
    expect(within(grid()).queryByRole("textbox")).not.toBeInTheDocument();

    await user.tab();
    expect(grid()).not.toContainElement(focused());
    await user.tab({ shift: true });
    expect(cell(/^Mobile app/, 7)).toHaveFocus();
  });

  it("shows invoiced time as locked, says why, and does not edit it", async () => {
    const server = api([
      serverEntry({ startedAt: "2026-11-23T08:00:00Z", endedAt: "2026-11-23T09:00:00Z", projectId: 8, invoiceId: 2, lockedAt: "2026-12-01T10:00:00Z" }),
    ]);
    renderAt(week, routes);
    const user = userEvent.setup();
    await waitFor(() => expect(cell(/^Mobile app/, 0)).toHaveTextContent("1:00"));
    const locked = cell(/^Mobile app/, 0);
    expect(locked).toHaveTextContent("1 hour, locked");
    expect(locked).toHaveAttribute("aria-readonly", "true");
    expect(locked).toHaveAccessibleDescription("Locked: this time is on an invoice. It can be changed again only if an admin voids that invoice.");
    await user.click(locked);
    expect(screen.getByText(/^Locked: this time is on an invoice/, { selector: ".ts-hint" })).toBeInTheDocument();
    await user.keyboard("5{Enter}");
    await user.click(locked);
    expect(within(grid()).queryByRole("textbox")).not.toBeInTheDocument();
    expect(announcer()).toHaveTextContent(/^Locked: this time is on an invoice/);
    expect(server.requests.filter((request) => request.method !== "GET")).toEqual([]);
  });

  it("shows a read-only organization's week without editing, and says why", async () => {
    api([serverEntry({ startedAt: "2026-11-23T08:00:00Z", endedAt: "2026-11-23T09:00:00Z", projectId: 8 })], { readOnly: true });
    renderAt(week, routes);
    const user = userEvent.setup();
    expect(await screen.findByText("This timesheet is read-only")).toBeInTheDocument();
    expect(screen.getByText(/Acme is read-only until its subscription is renewed/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add row" })).not.toBeInTheDocument();
    await waitFor(() => expect(cell(/^Mobile app/, 0)).toHaveTextContent("1:00"));
    expect(cell(/^Mobile app/, 1)).toHaveAttribute("aria-readonly", "true");
    await user.click(cell(/^Mobile app/, 1));
    await user.keyboard("2{Enter}");
    expect(within(grid()).queryByRole("textbox")).not.toBeInTheDocument();
  });

  it("says how to start on a week without time, and adds a row by keyboard alone", async () => {
    api([]);
    renderAt(week, routes);
    const user = userEvent.setup();
    expect(await screen.findByText("No time on this week yet")).toBeInTheDocument();
    expect(screen.getByText(/Choose “Add row” to pick a project/)).toBeInTheDocument();
    screen.getByRole("button", { name: "Add row" }).focus();
    await user.keyboard("{Enter}");
    const addForm = () => screen.getByRole("form", { name: "Add a row" });
    const projectPicker = await within(await screen.findByRole("form", { name: "Add a row" })).findByLabelText("Project");
    expect(projectPicker).toHaveFocus();
    await waitFor(() => expect(projectPicker).toHaveValue("8"));
    await user.keyboard("{Escape}");
    expect(screen.getByRole("button", { name: "Add row" })).toHaveFocus();
    await user.keyboard("{Enter}");
    await user.selectOptions(within(addForm()).getByLabelText("Project"), "Website");
    await user.tab();
    await user.tab();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(focused()).toBe(cell(/^Website/, 0)));
    expect(within(row(/^Website/)).getByRole("rowheader")).toHaveTextContent("Website");
  });
});
