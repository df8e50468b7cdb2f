import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { renderAt } from "../test/render";
import type { Me } from "./api";
import { fakeApi } from "./fakeApi";

const ada: Me = { id: 1, email: "ada@example.test", name: "Ada Lovelace", emailVerified: true, totpEnabled: false, timeZone: "Europe/Paris", defaultHourlyRate: null };

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));
afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

describe("Account: sign out everywhere", () => {
  it("asks first, ends every session on the server, signs out here and says so on the sign-in", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "POST /api/v1/auth/logout-everywhere": { status: 204 },
      "POST /api/v1/auth/logout": { status: 204 },
    });
    vi.stubGlobal("fetch", api.fetch);
    const { router } = renderAt("/account", routes);
    const user = userEvent.setup();
    const sessions = within(await screen.findByRole("region", { name: "Sessions" }));
    await user.click(sessions.getByRole("button", { name: "Sign out everywhere…" }));
    expect(api.calls("POST", "/api/v1/auth/logout-everywhere")).toHaveLength(0);
    expect(sessions.getByText(/Sign out of every device and browser/)).toHaveFocus();

    await user.click(sessions.getByRole("button", { name: "Cancel" }));
    expect(sessions.getByRole("button", { name: "Sign out everywhere…" })).toHaveFocus();
    await user.click(sessions.getByRole("button", { name: "Sign out everywhere…" }));
    await user.click(sessions.getByRole("button", { name: "Yes, sign out everywhere" }));

    expect(await screen.findByText(/You are signed out everywhere/)).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe("/sign-in"));
    expect(api.calls("POST", "/api/v1/auth/logout-everywhere")).toHaveLength(1);
    expect(session.current.accessToken).toBeNull();
  });

  it("stays signed in and says what went wrong when the server refuses", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "POST /api/v1/auth/logout-everywhere": { status: 503, body: { title: "The service is unavailable", status: 503, detail: "Try again in a minute." } },
    });
    vi.stubGlobal("fetch", api.fetch);
    const { router } = renderAt("/account", routes);
    const user = userEvent.setup();
    const sessions = within(await screen.findByRole("region", { name: "Sessions" }));
    await user.click(sessions.getByRole("button", { name: "Sign out everywhere…" }));
    await user.click(sessions.getByRole("button", { name: "Yes, sign out everywhere" }));
    expect(await sessions.findByRole("alert")).toHaveTextContent("Try again in a minute.");
    expect(router.state.location.pathname).toBe("/account");
    expect(session.current.accessToken).toBe("a.b.c");
  });
});

describe("Account: password", () => {
  it("changes it, then goes to the sign-in with the address filled in, since the server signed every device out", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "POST /api/v1/me/password": { status: 204 },
      "POST /api/v1/auth/logout": { status: 401, body: { title: "Unauthorized", status: 401 } },
    });
    vi.stubGlobal("fetch", api.fetch);
    const { router } = renderAt("/account", routes);
    const user = userEvent.setup();
    const password = within(await screen.findByRole("region", { name: "Password" }));
    await user.type(password.getByLabelText("Current password"), "correct horse battery staple");
    await user.type(password.getByLabelText("New password"), "harbor violet quantum 93 lantern");
    await user.type(password.getByLabelText("New password, again"), "harbor violet quantum 93 lantern");
    await user.click(password.getByRole("button", { name: "Change password" }));

    expect(await screen.findByText(/Your password is changed/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/sign-in");
    expect(screen.getByLabelText("Email")).toHaveValue("ada@example.test");
    expect(api.calls("POST", "/api/v1/me/password").map((call) => call.body)).toEqual([
      { currentPassword: "correct horse battery staple", newPassword: "harbor violet quantum 93 lantern" },
    ]);
  });

  it("puts a wrong current password next to that field", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "POST /api/v1/me/password": { status: 403, body: { title: "Wrong password", status: 403, detail: "The password is incorrect." } },
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const password = within(await screen.findByRole("region", { name: "Password" }));
    await user.type(password.getByLabelText("Current password"), "not it at all");
    await user.type(password.getByLabelText("New password"), "harbor violet quantum 93 lantern");
    await user.type(password.getByLabelText("New password, again"), "harbor violet quantum 93 lantern");
    await user.click(password.getByRole("button", { name: "Change password" }));
    const current = password.getByLabelText("Current password");
    await waitFor(() => expect(current).toHaveAccessibleDescription("The password is incorrect."));
    expect(current).toHaveFocus();
  });
});
