import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Outlet } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "../auth/session";
import type { Organization } from "../orgs/organizations";
import { client, organization, project } from "../orgs/testData";
import { fakeApi, type Answer, type Route } from "../test/fakeApi";
import { renderAt } from "../test/render";
import type { Client, Project, Tag, Task } from "./api";
import { CataloguePage } from "./CataloguePage";

type Row = { id: number; name: string; archived?: boolean };

/**
 * A catalogue server in memory: lists by name (a page of `pageSize`, the cursor an index), creates, changes and
 * deletes, answering through the shared fake fetch (a route table computed per request).
 */
function serve(orgId = 1, seed: { clients?: Client[]; projects?: Project[]; tasks?: Task[]; tags?: Tag[]; usage?: Record<number, [number, number]> } = {}) {
  const rows = {
    clients: [...(seed.clients ?? [])] as (Client & Row)[],
    projects: [...(seed.projects ?? [])] as (Project & Row)[],
    tasks: [...(seed.tasks ?? [])] as (Task & Row)[],
    tags: [...(seed.tags ?? [])] as (Tag & Row)[],
  };
  const overrides: Record<string, Route> = {};
  let nextId = 100;
  const pageSize = 50;
  const list = (items: Row[], request: Request): Answer => {
    const query = new URL(request.url).searchParams;
    const all = query.get("includeArchived") === "true";
    const sorted = items.filter((r) => all || !r.archived).sort((a, b) => a.name.localeCompare(b.name));
    const from = Number(query.get("cursor") ?? 0);
    const page = sorted.slice(from, from + pageSize);
    return [200, { items: page, nextCursor: from + pageSize < sorted.length ? String(from + pageSize) : null }];
  };
  const base = `/api/v1/orgs/${orgId}`;
  const route = (key: string): Route | undefined => {
    if (overrides[key]) return overrides[key];
    const [method, path] = key.split(" ") as [string, string];
    const tail = path.startsWith(base) ? path.slice(base.length) : null;
    if (tail === null) return undefined;
    const tasksOf = /^\/projects\/(\d+)\/tasks(?:\/(\d+))?$/.exec(tail);
    if (tasksOf) {
      const projectId = Number(tasksOf[1]);
      const mine = rows.tasks.filter((t) => t.projectId === projectId);
      return collection(method, tasksOf[2], mine, rows.tasks, (body) => ({
        id: nextId++,
        projectId,
        name: body.name as string,
        archived: false,
        archivedAt: null,
        createdAt: "2026-01-01T09:00:00Z",
      }));
    }
    const flat = /^\/(clients|projects|tags)(?:\/(\d+))?$/.exec(tail);
    if (!flat) return undefined;
    const kind = flat[1] as "clients" | "projects" | "tags";
    if (kind === "tags" && method === "GET" && flat[2]) {
      const tag = rows.tags.find((t) => t.id === Number(flat[2]));
      const [entries, lockedEntries] = seed.usage?.[Number(flat[2])] ?? [0, 0];
      return tag ? [200, { ...tag, entries, lockedEntries }] : [404, { title: "Not found", status: 404 }];
    }
    const make = {
      clients: (body: Record<string, unknown>) => ({ ...client(nextId++, body.name as string), email: (body.email as string | null) ?? null }),
      projects: (body: Record<string, unknown>) =>
        project(nextId++, body.name as string, (body.clientId as number | null) ?? null, (body.hourlyRate as number | null) ?? null),
      tags: (body: Record<string, unknown>) => ({ id: nextId++, name: body.name as string }),
    }[kind];
    return collection(method, flat[2], rows[kind], rows[kind], make);
  };
  function collection(method: string, id: string | undefined, visible: Row[], store: Row[], make: (body: Record<string, unknown>) => Row): Route {
    return (request, body) => {
      const fields = (body ?? {}) as Record<string, unknown>;
      if (id === undefined && method === "GET") return list(visible, request);
      if (id === undefined && method === "POST") {
        const row = make(fields);
        store.push(row);
        return [201, row];
      }
      const row = visible.find((r) => r.id === Number(id));
      if (!row) return [404, { title: "Not found", status: 404 }];
      if (method === "PATCH") {
        Object.assign(row, fields);
        return [200, row];
      }
      if (method === "DELETE") {
        store.splice(store.indexOf(row), 1);
        return [204];
      }
      return [200, row];
    };
  }
  const table = new Proxy({} as Record<string, Route>, { get: (_, key: string) => route(key) });
  const api = fakeApi(table);
  vi.stubGlobal("fetch", api.fetch);
  return { ...api, rows, overrides, sent: (method: string, tail: string) => api.requests.filter((r) => r.method === method && r.path === base + tail) };
}

function open(path: string, org: Organization = organization(1, "Acme", "admin")) {
  const view = renderAt(path, [{ path: "/orgs/:orgId", element: <Outlet context={org} />, children: [{ path: "catalogue/*", element: <CataloguePage /> }] }]);
  return { ...view, user: userEvent.setup() };
}

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

describe("the catalogue", () => {
  it("opens on projects and, with no clients yet, says to add a client and then a project for it", async () => {
    serve();
    const { router, user } = open("/orgs/1/catalogue");
    expect(await screen.findByText("Add your first client, then a project for it.", { exact: false })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/orgs/1/catalogue/projects");
    expect(screen.getByRole("link", { name: "Projects" })).toHaveAttribute("aria-current", "page");

    await user.click(screen.getByRole("link", { name: "Add a client" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/orgs/1/catalogue/clients"));
    expect(screen.getByRole("link", { name: "Clients" })).toHaveAttribute("aria-current", "page");
  });

  it("is for admins and owners: a member is told why and nothing is asked of the server", async () => {
    const server = serve();
    open("/orgs/1/catalogue/tags", organization(1, "Acme", "member"));
    expect(await screen.findByRole("heading", { level: 1, name: "Projects is for admins and owners" })).toBeInTheDocument();
    expect(screen.queryByLabelText("Tag name")).not.toBeInTheDocument();
    expect(server.requests).toEqual([]);
  });
});

describe("clients", () => {
  it("adds a client, shows the server's refusal next to its field, renames, archives and restores behind the toggle", async () => {
    const server = serve();
    const { user } = open("/orgs/1/catalogue/clients");
    expect(await screen.findByText("No clients yet")).toBeInTheDocument();
    const add = screen.getByRole("form", { name: "Add a client" });

    server.overrides["POST /api/v1/orgs/1/clients"] = [400, { title: "The request is invalid.", status: 400, errors: { email: ["'email' is not a valid email address."] } }];
    await user.type(within(add).getByLabelText("Client name"), "Globex");
    await user.type(within(add).getByLabelText("Billing email (optional)"), "nobody");
    await user.click(within(add).getByRole("button", { name: "Add client" }));
    const email = within(add).getByLabelText("Billing email (optional)");
    await waitFor(() => expect(email).toHaveAccessibleDescription("'email' is not a valid email address."));
    expect(email).toHaveFocus();

    delete server.overrides["POST /api/v1/orgs/1/clients"];
    await user.clear(email);
    await user.type(email, "ap@globex.test{Enter}");
    expect(await screen.findByText("Added Globex. Add a project for it under Projects.")).toBeInTheDocument();
    expect(server.sent("POST", "/clients").at(-1)?.body).toEqual({ name: "Globex", email: "ap@globex.test" });
    const list = await screen.findByRole("list", { name: "Clients" });
    expect(within(list).getByText("ap@globex.test")).toBeInTheDocument();

    await user.click(within(list).getByRole("button", { name: "Rename Globex" }));
    const name = screen.getByRole("form", { name: "Rename Globex" }).querySelector("input")!;
    expect(name).toHaveFocus();
    await user.clear(name);
    await user.type(name, "Globex Corp{Enter}");
    const renamed = await within(list).findByRole("button", { name: "Rename Globex Corp" });
    await waitFor(() => expect(renamed).toHaveFocus());

    await user.click(within(list).getByRole("button", { name: "Archive Globex Corp" }));
    expect(await screen.findByText("No clients yet")).toBeInTheDocument();
    expect(server.sent("PATCH", "/clients/100").map((r) => r.body)).toEqual([{ name: "Globex Corp", email: "ap@globex.test" }, { archived: true }]);
    await user.click(screen.getByLabelText("Show archived"));
    const archived = await screen.findByRole("list", { name: "Clients" });
    expect(within(archived).getByText("Archived")).toBeInTheDocument();
    await user.click(within(archived).getByRole("button", { name: "Restore Globex Corp" }));
    await waitFor(() => expect(within(archived).queryByText("Archived")).not.toBeInTheDocument());
    expect(server.sent("PATCH", "/clients/100").at(-1)?.body).toEqual({ archived: false });
  });

  it("reads the list a page at a time and filters what it loaded", async () => {
    const many = Array.from({ length: 60 }, (_, i) => client(i + 1, `Client ${String(i + 1).padStart(2, "0")}`));
    serve(1, { clients: many });
    const { user } = open("/orgs/1/catalogue/clients");
    const list = await screen.findByRole("list", { name: "Clients" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(50);
    await user.click(screen.getByRole("button", { name: "Show more clients" }));
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(60));
    expect(screen.queryByRole("button", { name: "Show more clients" })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText("Find clients"), "client 5");
    expect(within(list).getAllByRole("listitem").map((item) => item.querySelector(".catalogue__name")?.textContent)).toEqual([
      "Client 50",
      "Client 51",
      "Client 52",
      "Client 53",
      "Client 54",
      "Client 55",
      "Client 56",
      "Client 57",
      "Client 58",
      "Client 59",
    ]);
    expect(screen.getByText("50 clients hidden by the filter.")).toBeInTheDocument();
  });
});

describe("projects", () => {
  it("adds a project for a client with a rate, sets a new rate, and adds, renames and archives its tasks", async () => {
    const server = serve(1, { clients: [client(1, "Globex"), { ...client(2, "Old Co"), archived: true, archivedAt: "2026-01-02T09:00:00Z" }] });
    const { user } = open("/orgs/1/catalogue/projects");
    expect(await screen.findByText("No projects yet")).toBeInTheDocument();
    const add = screen.getByRole("form", { name: "Add a project" });
    await waitFor(() => expect(within(add).getByRole("option", { name: "Globex" })).toBeInTheDocument());
    expect(within(add).queryByRole("option", { name: /Old Co/ })).not.toBeInTheDocument();

    await user.type(within(add).getByLabelText("Project name"), "Website");
    await user.selectOptions(within(add).getByLabelText("Client"), "Globex");
    await user.type(within(add).getByLabelText("Hourly rate (optional)"), "abc");
    await user.click(within(add).getByRole("button", { name: "Add project" }));
    expect(await within(add).findByText("Enter an amount such as 85 or 92.50, or leave it empty.")).toBeInTheDocument();
    await user.clear(within(add).getByLabelText("Hourly rate (optional)"));
    await user.type(within(add).getByLabelText("Hourly rate (optional)"), "120.5{Enter}");
    const list = await screen.findByRole("list", { name: "Projects" });
    expect(server.sent("POST", "/projects")[0]?.body).toEqual({ name: "Website", clientId: 1, hourlyRate: 120.5 });
    expect(within(list).getByText(/Globex · 120.50 \/ h/)).toBeInTheDocument();

    await user.click(within(list).getByRole("button", { name: "Edit Website" }));
    const rate = screen.getByRole("form", { name: "Edit Website" }).querySelector<HTMLInputElement>("input[inputmode=decimal]")!;
    await user.clear(rate);
    await user.type(rate, "135{Enter}");
    expect(await within(list).findByText(/Globex · 135.00 \/ h/)).toBeInTheDocument();
    expect(server.sent("PATCH", "/projects/100")[0]?.body).toEqual({ name: "Website", clientId: 1, hourlyRate: 135 });

    await user.click(within(list).getByRole("button", { name: "Tasks of Website" }));
    const tasks = await screen.findByRole("region", { name: "Tasks of Website" });
    expect(await within(tasks).findByText(/No tasks yet/)).toBeInTheDocument();
    await user.type(within(tasks).getByLabelText("New task"), "Design{Enter}");
    expect(await within(tasks).findByText("Design")).toBeInTheDocument();
    await user.click(within(tasks).getByRole("button", { name: "Rename task Design" }));
    const taskName = within(tasks).getByLabelText("Task name");
    await user.clear(taskName);
    await user.type(taskName, "UX design{Enter}");
    await user.click(await within(tasks).findByRole("button", { name: "Archive task UX design" }));
    expect(await within(tasks).findByText(/No tasks yet/)).toBeInTheDocument();
    expect(server.sent("PATCH", "/projects/100/tasks/101").map((r) => r.body)).toEqual([{ name: "UX design" }, { archived: true }]);
  });

  it("keeps a refused archive's reason in the row", async () => {
    const server = serve(1, { projects: [project(1, "Website")] });
    server.overrides["PATCH /api/v1/orgs/1/projects/1"] = [403, { title: "Admins and owners only", status: 403, detail: "Only admins and owners may change projects." }];
    const { user } = open("/orgs/1/catalogue/projects");
    await user.click(await screen.findByRole("button", { name: "Archive Website" }));
    expect(await screen.findByText("Only admins and owners may change projects.")).toBeInTheDocument();
  });
});

describe("tags", () => {
  it("adds a tag and shows a name another tag has next to the name field", async () => {
    const server = serve(1, { tags: [{ id: 1, name: "billed" }] });
    const { user } = open("/orgs/1/catalogue/tags");
    const list = await screen.findByRole("list", { name: "Tags" });
    const name = screen.getByRole("form", { name: "Add a tag" }).querySelector("input")!;
    await user.type(name, "meeting{Enter}");
    expect(await within(list).findByText("meeting")).toBeInTheDocument();
    expect(name).toHaveValue("");

    server.overrides["POST /api/v1/orgs/1/tags"] = [
      409,
      { title: "Tag name taken", status: 409, detail: "The organization already has a tag named 'billed' (tag 1); choose another name." },
    ];
    await user.type(name, "billed{Enter}");
    await waitFor(() => expect(name).toHaveAccessibleDescription("The organization already has a tag named 'billed' (tag 1); choose another name."));
    expect(screen.queryByRole("alert", { name: /Tag name taken/ })).not.toBeInTheDocument();
  });

  it("renames a tag, and deletes one after saying how many entries lose it", async () => {
    const server = serve(1, { tags: [{ id: 1, name: "draft" }, { id: 2, name: "review" }], usage: { 1: [3, 0] } });
    const { user } = open("/orgs/1/catalogue/tags");
    const list = await screen.findByRole("list", { name: "Tags" });

    await user.click(within(list).getByRole("button", { name: "Rename tag review" }));
    const field = within(list).getByLabelText("Tag name");
    await user.clear(field);
    await user.type(field, "reviewed{Enter}");
    expect(await within(list).findByText("reviewed")).toBeInTheDocument();
    expect(server.sent("PATCH", "/tags/2")[0]?.body).toEqual({ name: "reviewed" });

    await user.click(within(list).getByRole("button", { name: "Delete tag draft" }));
    const confirm = within(list).getByRole("group", { name: "Delete the tag “draft”?" });
    expect(await within(confirm).findByText("3 time entries carry it and will lose it. This cannot be undone.")).toBeInTheDocument();
    expect(within(confirm).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(within(list).getByRole("button", { name: "Delete tag draft" })).toHaveFocus();

    await user.click(within(list).getByRole("button", { name: "Delete tag draft" }));
    await user.click(await within(list).findByRole("button", { name: "Delete tag" }));
    await waitFor(() => expect(within(list).queryByText("draft")).not.toBeInTheDocument());
    expect(server.sent("DELETE", "/tags/1")).toHaveLength(1);
  });

  it("leaves the focus in another row's confirmation when a rename sent before lands after it opened", async () => {
    const server = serve(1, { tags: [{ id: 1, name: "draft" }, { id: 2, name: "review" }], usage: { 1: [3, 0] } });
    let land = () => {};
    const landed = new Promise<void>((resolve) => (land = resolve));
    vi.stubGlobal("fetch", async (request: Request) => {
      if (request.method === "PATCH") await landed;
      return server.fetch(request);
    });
    const { user } = open("/orgs/1/catalogue/tags");
    const list = await screen.findByRole("list", { name: "Tags" });

    await user.click(within(list).getByRole("button", { name: "Rename tag review" }));
    await user.type(within(list).getByLabelText("Tag name"), "ed{Enter}");
    await user.click(within(list).getByRole("button", { name: "Delete tag draft" }));
    const cancel = within(within(list).getByRole("group", { name: "Delete the tag “draft”?" })).getByRole("button", { name: "Cancel" });
    await waitFor(() => expect(cancel).toHaveFocus());
    land();
    expect(await within(list).findByText("reviewed")).toBeInTheDocument();
    expect(cancel).toHaveFocus();
  });

  it("does not offer to delete a tag an invoiced entry carries, and says why", async () => {
    serve(1, { tags: [{ id: 1, name: "sprint" }], usage: { 1: [2, 1] } });
    const { user } = open("/orgs/1/catalogue/tags");
    await user.click(await screen.findByRole("button", { name: "Delete tag sprint" }));
    expect(await screen.findByText(/2 time entries carry it, and 1 time entry of them is on an invoice/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete tag" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Keep the tag" })).toBeInTheDocument();
  });

  it("says what tags are for while there are none", async () => {
    serve();
    open("/orgs/1/catalogue/tags");
    expect(await screen.findByText("No tags yet")).toBeInTheDocument();
  });
});
