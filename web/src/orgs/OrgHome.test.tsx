import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { fakeApi, type Route } from "../test/fakeApi";
import { renderAt } from "../test/render";
import { ada, client, organization, page, project } from "./testData";
import type { Client, Organization, Project } from "./organizations";

/** A server holding one organization, whose clients and projects the guide's forms add to. */
function serve(org: Organization, extra: Record<string, Route> = {}) {
  const clients: Client[] = [];
  const projects: Project[] = [];
  const api = fakeApi({
    "GET /api/v1/me": [200, ada],
    "GET /api/v1/orgs": [200, [org]],
    [`GET /api/v1/orgs/${org.id}`]: [200, org],
    [`GET /api/v1/orgs/${org.id}/clients`]: () => [200, page(clients)],
    [`GET /api/v1/orgs/${org.id}/projects`]: () => [200, page(projects)],
    [`POST /api/v1/orgs/${org.id}/clients`]: (_, body) => {
      const added = { ...client(clients.length + 1, (body as { name: string }).name) };
      clients.push(added);
      return [201, added];
    },
    [`POST /api/v1/orgs/${org.id}/projects`]: (_, body) => {
      const { name, clientId, hourlyRate } = body as { name: string; clientId: number | null; hourlyRate: number | null };
      const added = project(projects.length + 1, name, clientId, hourlyRate);
      projects.push(added);
      return [201, added];
    },
    ...extra,
  });
  vi.stubGlobal("fetch", api.fetch);
  return { ...api, clients, projects };
}

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
  localStorage.clear();
});

const step = (name: string) => screen.getByRole("heading", { level: 2, name: new RegExp(`^${name}`) }).closest("li")!;

describe("the first-run guide", () => {
  it("adds a client, then a project for it, then points at the timer, marking each step done", async () => {
    const server = serve(organization(1, "Acme"));
    const { router } = renderAt("/orgs/1", routes);
    expect(await screen.findByRole("heading", { level: 1, name: "Get started" })).toBeInTheDocument();
    expect(step("Add a client")).toHaveAttribute("aria-current", "step");
    const user = userEvent.setup();

    await user.type(screen.getByLabelText("Client name"), "Babbage & Co");
    await user.click(screen.getByRole("button", { name: "Add client" }));
    expect(await screen.findByRole("heading", { level: 2, name: /^Add a client\s?\(done\)$/ })).toBeInTheDocument();
    expect(within(step("Add a client")).getByText("Added Babbage & Co.")).toBeInTheDocument();
    // The timer bar above the guide has its own status line.
    expect(screen.getAllByRole("status").map((status) => status.textContent)).toContain("Client Babbage & Co added. Next: add a project.");

    // The next step takes the focus, with the new client chosen.
    const projectName = await screen.findByLabelText("Project name");
    expect(projectName).toHaveFocus();
    expect(screen.getByLabelText("Client")).toHaveDisplayValue("Babbage & Co");
    await user.type(projectName, "Analytical Engine");
    await user.type(screen.getByLabelText("Hourly rate (optional)"), "120");
    await user.click(screen.getByRole("button", { name: "Add project" }));

    expect(await screen.findByRole("heading", { level: 2, name: /^Add a project\s?\(done\)$/ })).toBeInTheDocument();
    expect(server.requests.find((request) => request.method === "POST" && request.path.endsWith("/projects"))?.body).toEqual({
      name: "Analytical Engine",
      clientId: 1,
      hourlyRate: 120,
    });
    // The project the guide added does not end the guide: its last step remains.
    const start = screen.getByRole("link", { name: "Start the timer" });
    await waitFor(() => expect(start).toHaveFocus());
    expect(step("Start the timer")).toHaveAttribute("aria-current", "step");
    await user.click(start);
    await waitFor(() => expect(router.state.location.pathname).toBe("/orgs/1/time"));
  });

  it("lets a project do without a client", async () => {
    serve(organization(1, "Acme"));
    renderAt("/orgs/1", routes);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Skip: I do not bill clients" }));
    expect(screen.getByText("Skipped: a project can do without a client.")).toBeInTheDocument();
    expect(await screen.findByLabelText("Project name")).toHaveFocus();
    expect(screen.getByLabelText("Client")).toHaveDisplayValue("No client");
  });

  it("shows the server's refusal next to the field it concerns", async () => {
    serve(organization(1, "Acme"), {
      "POST /api/v1/orgs/1/clients": [400, { title: "The request is invalid.", status: 400, errors: { email: ["'email' is not an email address."] } }],
    });
    renderAt("/orgs/1", routes);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Client name"), "Babbage & Co");
    await user.type(screen.getByLabelText("Billing email (optional)"), "babbage");
    await user.click(screen.getByRole("button", { name: "Add client" }));
    const email = screen.getByLabelText("Billing email (optional)");
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription(/'email' is not an email address\./);
  });

  it("tells a member that admins set up projects, and offers the timer", async () => {
    serve(organization(1, "Acme", "member"));
    renderAt("/orgs/1", routes);
    expect(await screen.findByText(/^Its admins set up the clients and projects; you can start tracking right away/)).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Add a client" })).not.toBeInTheDocument();
    expect(step("Start the timer")).toHaveAttribute("aria-current", "step");
  });

  it("is skipped for an organization that has projects", async () => {
    const server = serve(organization(1, "Acme"));
    server.projects.push(project(1, "Analytical Engine"));
    const { router } = renderAt("/orgs/1", routes);
    await waitFor(() => expect(router.state.location.pathname).toBe("/orgs/1/time"));
  });
});

describe("an organization's pages", () => {
  it("say clearly that an organization that is not the person's is not found, with a way back", async () => {
    serve(organization(1, "Acme"));
    renderAt("/orgs/2/time", routes);
    expect(await screen.findByRole("heading", { level: 1, name: "Organization not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to your organizations" })).toHaveAttribute("href", "/");
    expect(document.title).toBe("Organization not found · TimeTracker");
    // Nor does the header offer the missing organization's pages.
    await waitFor(() => expect(screen.getByRole("link", { name: "My time" })).toHaveAttribute("href", "/"));
  });
});
