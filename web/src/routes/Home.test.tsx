import { screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { rememberOrganization } from "../orgs/lastOrganization";
import { ada, organization } from "../orgs/testData";
import { fakeApi } from "../test/fakeApi";
import { renderAt } from "../test/render";

const acme = organization(1, "Acme");
const zeta = organization(2, "Zeta Studio");

function serve(orgs = [acme, zeta]) {
  const api = fakeApi({
    "GET /api/v1/me": [200, ada],
    "GET /api/v1/orgs": [200, orgs],
    "GET /api/v1/orgs/1": [200, acme],
    "GET /api/v1/orgs/2": [200, zeta],
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

describe("the start page", () => {
  it("opens the organization the person last worked in", async () => {
    serve();
    rememberOrganization(ada.id, 2);
    const { router } = renderAt("/", routes);
    await waitFor(() => expect(router.state.location.pathname).toBe("/orgs/2/time"));
  });

  it("opens the first organization when the remembered one is no longer theirs", async () => {
    serve();
    rememberOrganization(ada.id, 9);
    const { router } = renderAt("/", routes);
    await waitFor(() => expect(router.state.location.pathname).toBe("/orgs/1/time"));
  });

  it("ignores what another person of the same browser chose", async () => {
    serve();
    rememberOrganization(ada.id + 1, 2);
    const { router } = renderAt("/", routes);
    await waitFor(() => expect(router.state.location.pathname).toBe("/orgs/1/time"));
  });

  it("welcomes someone without an organization on the page that creates one", async () => {
    serve([]);
    const { router } = renderAt("/", routes);
    expect(await screen.findByRole("heading", { level: 1, name: "Create your organization" })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/orgs/new");
    expect(screen.getByText("Welcome, Ada")).toBeInTheDocument();
    // With nothing to switch between, the header has no organization menu.
    expect(screen.queryByRole("button", { name: /^Organization:/ })).not.toBeInTheDocument();
  });

  it("remembers the organization a page of it was opened in: only its id, under the person's id", async () => {
    serve();
    renderAt("/orgs/2/time", routes);
    await waitFor(() => expect(localStorage.getItem(`timetracker.lastOrganization.${ada.id}`)).toBe("2"));
    expect(Object.keys(localStorage)).toEqual([`timetracker.lastOrganization.${ada.id}`]);
  });
});
