import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deferred, fakeServer, json, project, serverEntry } from "./fakeServer";
import { TimerBar } from "./TimerBar";

afterEach(() => vi.unstubAllGlobals());

function renderBar() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <TimerBar orgId={4} />
    </QueryClientProvider>,
  );
  return { client, ...view, bar: () => screen.getByRole("region", { name: "Timer" }) };
}

const projects = { method: "GET", path: /\/orgs\/4\/projects$/, answer: () => json(200, { items: [project(7, "Website")], nextCursor: null }) };
const tasks = { method: "GET", path: /\/orgs\/4\/projects\/7\/tasks$/, answer: () => json(200, { items: [], nextCursor: null }) };
const noTimer = { method: "GET", path: /\/orgs\/4\/timer$/, answer: () => new Response(null, { status: 204 }) };

describe("The timer bar", () => {
  it("shows the server's running timer, ticking from the server's start, with a label read to the minute", async () => {
    const running = serverEntry({ startedAt: new Date(Date.now() - 65_000).toISOString(), description: "Design review", projectId: 7 });
    vi.stubGlobal("fetch", fakeServer([{ method: "GET", path: /\/orgs\/4\/timer$/, answer: () => json(200, running) }, projects, tasks]).fetch);
    const { bar } = renderBar();
    const clock = await screen.findByRole("timer", { name: "Running for 1 minute" });
    expect(clock.textContent).toMatch(/^0:01:0[5-7]$/);
    expect(screen.getByRole("button", { name: "Stop" })).toHaveAttribute("aria-keyshortcuts", "Alt+Shift+S");
    expect(screen.getByLabelText("What are you working on?")).toHaveValue("Design review");
    await waitFor(() => expect(screen.getByLabelText("Project")).toHaveDisplayValue("Website"));
    expect(bar()).toHaveAttribute("data-timer", "running");
  });

  it("starts at once, before the server answers, and the server's entry confirms it", async () => {
    const answer = deferred<Response>();
    const server = fakeServer([noTimer, projects, tasks, { method: "POST", path: /\/orgs\/4\/timer\/start$/, answer: () => answer.promise }]);
    vi.stubGlobal("fetch", server.fetch);
    const { bar } = renderBar();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("What are you working on?"), "Write the report");
    await user.type(screen.getByLabelText("Tags, separated by commas"), "writing, q4");
    await user.click(screen.getByRole("button", { name: "Start" }));

    expect(screen.getByRole("button", { name: "Stop" })).toBeInTheDocument();
    expect(bar()).toHaveAttribute("data-timer", "running");
    expect(bar()).toHaveAttribute("data-confirmed", "false");
    expect(within(bar()).getAllByRole("status").some((status) => status.textContent === "Timer started: Write the report.")).toBe(true);
    await waitFor(() => expect(server.sent("POST", /timer\/start$/)).toHaveLength(1));
    expect(server.sent("POST", /timer\/start$/)[0]?.body).toEqual({ description: "Write the report", projectId: null, taskId: null, tags: ["writing", "q4"] });

    await act(async () => answer.resolve(json(201, serverEntry({ startedAt: new Date().toISOString(), description: "Write the report" }))));
    await waitFor(() => expect(bar()).toHaveAttribute("data-confirmed", "true"));
    expect(screen.getByLabelText("What are you working on?")).toHaveValue("Write the report");
  });

  it("puts the bar back and says why next to it when the server refuses the start, keeping what was typed", async () => {
    const answer = deferred<Response>();
    vi.stubGlobal("fetch", fakeServer([noTimer, projects, tasks, { method: "POST", path: /\/timer\/start$/, answer: () => answer.promise }]).fetch);
    const { bar } = renderBar();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("What are you working on?"), "Archived work");
    await user.keyboard("{Enter}");
    expect(screen.getByRole("button", { name: "Stop" })).toBeInTheDocument();

    await act(async () =>
      answer.resolve(json(400, { title: "The request is invalid.", status: 400, detail: "Project 9 is archived.", errors: { projectId: ["Project 9 is archived."] } })),
    );
    expect(await screen.findByRole("button", { name: "Start" })).toBeInTheDocument();
    expect(bar()).toHaveAttribute("data-timer", "stopped");
    const alert = within(bar()).getByRole("alert");
    expect(alert).toHaveTextContent("The timer did not start");
    expect(alert).toHaveTextContent("Project 9 is archived.");
    expect(screen.getByLabelText("What are you working on?")).toHaveValue("Archived work");
  });

  it("stops at once, and a refusal puts the running timer back", async () => {
    const running = serverEntry({ startedAt: new Date(Date.now() - 3_000).toISOString(), description: "Calls" });
    const answer = deferred<Response>();
    const server = fakeServer([
      { method: "GET", path: /\/timer$/, answer: () => json(200, running) },
      projects,
      { method: "POST", path: /\/timer\/stop$/, answer: () => answer.promise },
    ]);
    vi.stubGlobal("fetch", server.fetch);
    const { bar } = renderBar();
    await userEvent.setup().click(await screen.findByRole("button", { name: "Stop" }));
    expect(screen.getByRole("button", { name: "Start" })).toBeInTheDocument();
    expect(screen.getByRole("timer")).toHaveAccessibleName("Timer stopped");

    await act(async () => answer.resolve(json(409, { title: "Conflict", status: 409, detail: "The database is busy; try again." })));
    expect(await screen.findByRole("button", { name: "Stop" })).toBeInTheDocument();
    expect(within(bar()).getByRole("alert")).toHaveTextContent("The database is busy; try again.");
    // The Stop button turns into Start under the click: the click must not also submit the form (a new timer).
    expect(server.sent("POST", /timer\/start$/)).toHaveLength(0);
  });

  it("starts and stops with the shortcut outside text fields, and leaves typing alone", async () => {
    const server = fakeServer([
      noTimer,
      projects,
      { method: "POST", path: /\/timer\/start$/, answer: () => json(201, serverEntry({ startedAt: new Date().toISOString() })) },
      { method: "POST", path: /\/timer\/stop$/, answer: () => json(200, serverEntry({ startedAt: new Date().toISOString(), endedAt: new Date().toISOString() })) },
    ]);
    vi.stubGlobal("fetch", server.fetch);
    renderBar();
    const description = await screen.findByLabelText("What are you working on?");
    fireEvent.keyDown(description, { key: "S", code: "KeyS", altKey: true, shiftKey: true });
    expect(screen.getByRole("button", { name: "Start" })).toBeInTheDocument();

    fireEvent.keyDown(document.body, { key: "S", code: "KeyS", altKey: true, shiftKey: true });
    expect(screen.getByRole("button", { name: "Stop" })).toBeInTheDocument();
    await waitFor(() => expect(server.sent("POST", /timer\/start$/)).toHaveLength(1));
    fireEvent.keyDown(document.body, { key: "Í", code: "KeyS", altKey: true, shiftKey: true });
    expect(screen.getByRole("button", { name: "Start" })).toBeInTheDocument();
    await waitFor(() => expect(server.sent("POST", /timer\/stop$/)).toHaveLength(1));
  });

  it("asks the server again when another tab of the app starts or stops a timer", async () => {
    let running: ReturnType<typeof serverEntry> | null = null;
    vi.stubGlobal(
      "fetch",
      fakeServer([{ method: "GET", path: /\/timer$/, answer: () => (running ? json(200, running) : new Response(null, { status: 204 })) }, projects]).fetch,
    );
    renderBar();
    expect(await screen.findByRole("button", { name: "Start" })).toBeInTheDocument();
    running = serverEntry({ startedAt: new Date().toISOString(), description: "From the other tab" });
    const otherTab = new BroadcastChannel("timetracker:timer");
    otherTab.postMessage({ orgId: 4 });
    otherTab.close();
    expect(await screen.findByRole("button", { name: "Stop" })).toBeInTheDocument();
    expect(screen.getByLabelText("What are you working on?")).toHaveValue("From the other tab");
  });
});
