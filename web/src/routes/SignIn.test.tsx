import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { fakeApi } from "../test/fakeApi";
import { answerWith, renderAt } from "../test/render";

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

describe("Sign in", () => {
  it("shows the problem's field errors next to their fields", async () => {
    const server = answerWith(400, { title: "The request is invalid.", status: 400, errors: { email: ["'email' is not an email address."] } });
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/sign-in", routes);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Email"), "nobody");
    await user.type(screen.getByLabelText("Password"), "whatever it is");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const email = screen.getByLabelText("Email");
    await waitFor(() => expect(email).toHaveAttribute("aria-invalid", "true"));
    expect(email).toHaveAccessibleDescription("'email' is not an email address.");
    expect(server.requests[0]?.url).toMatch(/\/api\/v1\/auth\/login$/);
  });

  it("keeps where the person was going when they choose to create an account instead", async () => {
    renderAt("/sign-in?next=%2Faccept-invitation", routes);

    const link = await screen.findByRole("link", { name: "Create an account" });

    expect(link).toHaveAttribute("href", "/sign-up?next=%2Faccept-invitation");
  });

  it("says what is missing before sending anything", async () => {
    const server = answerWith(200, {});
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/sign-in", routes);
    await userEvent.setup().click(await screen.findByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter your email address.")).toBeInTheDocument();
    expect(screen.getByText("Enter your password.")).toBeInTheDocument();
    expect(server.requests).toHaveLength(0);
  });

  it("goes to the page it was sent from once signed in, and keeps the tokens in memory only", async () => {
    // Signed in, the app reads the person's organizations: none here, so the address stays and says so.
    const api = fakeApi({
      "POST /api/v1/auth/login": [200, { accessToken: "a.b.c", refreshToken: "r", expiresIn: 900, tokenType: "Bearer" }],
      "GET /api/v1/orgs": [200, []],
    });
    vi.stubGlobal("fetch", api.fetch);
    const { router } = renderAt("/sign-in?next=%2Forgs%2F7%2Fbilling", routes);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Email"), "ada@example.test");
    await user.type(screen.getByLabelText("Password"), "correct horse battery staple");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/orgs/7/billing"));
    expect(session.current.accessToken).toBe("a.b.c");
    expect(localStorage.length + sessionStorage.length).toBe(0);
  });

  it("asks for the second factor when the account has 2FA on", async () => {
    vi.stubGlobal("fetch", answerWith(200, { mfaRequired: true, challenge: "ch-1" }).fetch);
    renderAt("/sign-in", routes);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Email"), "ada@example.test");
    await user.type(screen.getByLabelText("Password"), "correct horse battery staple");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { name: "Two-step verification" })).toBeInTheDocument();
    expect(screen.getByLabelText("Authentication code")).toHaveFocus();
  });
});
