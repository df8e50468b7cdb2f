import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { recallOrganization } from "../orgs/lastOrganization";
import { pendingInvitation } from "../orgs/pendingInvitation";
import { ada, organization, page, project } from "../orgs/testData";
import { fakeApi, type Route } from "../test/fakeApi";
import { renderAt } from "../test/render";

const acme = organization(3, "Acme", "member");

function serve(accept: Route = [200, acme]) {
  const api = fakeApi({
    "POST /api/v1/auth/login": [200, { accessToken: "a.b.c", expiresIn: 900, tokenType: "Bearer" }],
    "POST /api/v1/invitations/accept": accept,
    "GET /api/v1/me": [200, ada],
    "GET /api/v1/orgs": [200, [acme]],
    "GET /api/v1/orgs/3": [200, acme],
    "GET /api/v1/orgs/3/clients": [200, page([])],
    "GET /api/v1/orgs/3/projects": [200, page([project(1, "Analytical Engine")])],
  });
  vi.stubGlobal("fetch", api.fetch);
  return api;
}

const signedIn = () => session.signIn({ accessToken: "a.b.c", expiresIn: 900 });

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
  pendingInvitation.forget();
  localStorage.clear();
});

describe("Accept invitation", () => {
  it("asks a signed-out person to sign in, brings them back, joins, and opens the organization", async () => {
    const server = serve();
    const { router } = renderAt("/accept-invitation?token=inv-1", routes);
    expect(await screen.findByRole("heading", { level: 1, name: "You are invited" })).toBeInTheDocument();
    // The token leaves the address bar, and the way back carries none.
    await waitFor(() => expect(router.state.location.search).toBe(""));
    expect(screen.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/sign-up?next=%2Faccept-invitation");

    const user = userEvent.setup();
    await user.click(screen.getByRole("link", { name: "Sign in" }));
    await user.type(await screen.findByLabelText("Email"), ada.email);
    await user.type(screen.getByLabelText("Password"), "correct horse battery staple");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    await user.click(await screen.findByRole("button", { name: "Join the organization" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/orgs/3/time"));
    expect(server.requests.find((request) => request.path === "/api/v1/invitations/accept")?.body).toEqual({ token: "inv-1" });
    expect(recallOrganization(ada.id)).toBe(3);
    expect(pendingInvitation.current).toBeNull();
  });

  it("says who is signed in when the invitation is for another address, and offers to switch account", async () => {
    signedIn();
    serve([403, { title: "Invitation for another address", status: 403, detail: "This invitation was sent to another email address." }]);
    const { router } = renderAt("/accept-invitation?token=inv-1", routes);
    await userEvent.setup().click(await screen.findByRole("button", { name: "Join the organization" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This invitation is for another email address");
    expect(screen.getByRole("alert")).toHaveTextContent(`You are signed in as ${ada.email}.`);

    await userEvent.setup().click(screen.getByRole("button", { name: "Sign out and use another account" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/sign-in"));
    expect(router.state.location.search).toBe("?next=%2Faccept-invitation");
    expect(session.signedIn).toBe(false);
    // The token is still at hand for the right account.
    expect(pendingInvitation.current).toBe("inv-1");
  });

  it("says an expired or used link no longer works and what to do", async () => {
    signedIn();
    serve([400, { title: "Invalid invitation", status: 400, detail: "The invitation link is unknown, expired…" }]);
    renderAt("/accept-invitation?token=old", routes);
    await userEvent.setup().click(await screen.findByRole("button", { name: "Join the organization" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This invitation link no longer works");
    expect(screen.getByRole("alert")).toHaveTextContent("Ask whoever invited you to send a new one.");
    expect(pendingInvitation.current).toBeNull();
  });

  it("passes the way back on from sign-up to its sign-in link", async () => {
    renderAt("/sign-up?next=%2Faccept-invitation", routes);
    expect(await screen.findByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/sign-in?next=%2Faccept-invitation");
  });
});
