import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { renderAt } from "../test/render";

afterEach(() => vi.unstubAllGlobals());

const me = { id: 1, email: "ada@example.test", name: "Ada", emailVerified: true, totpEnabled: false, timeZone: "UTC", defaultHourlyRate: null };

/** The server after a reload: the cookie refreshes into `access-1`; `/me` is Ada; every other call answers an empty list. */
function reloadedServer() {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    const path = new URL(request.url).pathname;
    const body =
      path === "/api/v1/auth/refresh" ? { accessToken: "access-1", expiresIn: 900, tokenType: "Bearer" }
      : path === "/api/v1/me" ? me
      : path.endsWith("/logout") ? null
      : [];
    return new Response(body === null ? null : JSON.stringify(body), { status: body === null ? 204 : 200, headers: { "Content-Type": "application/json" } });
  };
  return { requests, fetch };
}

describe("the signed-in frame", () => {
  it("after a reload shows Loading, restores the session with one refresh, then the page; signing out ends it on the server", async () => {
    const server = reloadedServer();
    vi.stubGlobal("fetch", server.fetch);
    const { router } = renderAt("/account", routes);

    expect(await screen.findByRole("status")).toHaveTextContent("Loading");
    const signOut = await screen.findByRole("button", { name: "Sign out" });
    expect(router.state.location.pathname).toBe("/account");
    expect(session.current).toMatchObject({ status: "signed-in", accessToken: "access-1" });
    const refresh = server.requests[0]!;
    expect([refresh.url.endsWith("/api/v1/auth/refresh"), refresh.headers.get("X-TimeTracker-Session")]).toEqual([true, "cookie"]);
    expect(server.requests.filter((r) => r.url.endsWith("/api/v1/auth/refresh"))).toHaveLength(1);

    await userEvent.setup().click(signOut);
    await waitFor(() => expect(router.state.location.pathname).toBe("/sign-in"));
    expect(session.current.status).toBe("signed-out");
    const logout = server.requests.find((r) => r.url.endsWith("/api/v1/auth/logout"))!;
    expect(logout.headers.get("X-TimeTracker-Session")).toBe("cookie");
    expect(logout.headers.has("Authorization")).toBe(false);
  });
});
