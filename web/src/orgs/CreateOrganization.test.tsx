import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { fakeApi, type Route } from "../test/fakeApi";
import { renderAt } from "../test/render";
import { recallOrganization } from "./lastOrganization";
import { ada, organization, page } from "./testData";

const acme = organization(4, "Acme");

function serve(create: Route) {
  const api = fakeApi({
    "GET /api/v1/me": [200, ada],
    "GET /api/v1/orgs": [200, []],
    "POST /api/v1/orgs": create,
    "GET /api/v1/orgs/4": [200, acme],
    "GET /api/v1/orgs/4/clients": [200, page([])],
    "GET /api/v1/orgs/4/projects": [200, page([])],
  });
  vi.stubGlobal("fetch", api.fetch);
  return api;
}

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
  localStorage.clear();
});

describe("New organization", () => {
  it("creates the organization, remembers it, and opens its first-run guide", async () => {
    const server = serve([201, acme]);
    const { router } = renderAt("/orgs/new", routes);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Organization name"), "  Acme ");
    await user.click(screen.getByRole("button", { name: "Create organization" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Get started" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/orgs/4");
    expect(server.requests.find((request) => request.method === "POST")?.body).toEqual({ name: "Acme" });
    expect(recallOrganization(ada.id)).toBe(4);
  });

  it("asks for a name before sending, and shows the server's refusal next to it", async () => {
    const server = serve([400, { title: "The request is invalid.", status: 400, errors: { name: ["'name' is longer than 200 characters."] } }]);
    renderAt("/orgs/new", routes);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Create organization" }));
    expect(await screen.findByLabelText("Organization name")).toHaveAccessibleDescription(/Enter a name for the organization\./);
    expect(server.requests.filter((request) => request.method === "POST")).toHaveLength(0);

    await user.type(screen.getByLabelText("Organization name"), "Acme");
    await user.click(screen.getByRole("button", { name: "Create organization" }));
    await waitFor(() => expect(screen.getByLabelText("Organization name")).toHaveAccessibleDescription(/'name' is longer than 200 characters\./));
  });
});
