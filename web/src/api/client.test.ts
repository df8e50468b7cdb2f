import { describe, expect, it } from "vitest";
import { createApiClient } from "./client";
import { Session } from "../auth/session";

function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(JSON.stringify({ status: "healthy" }), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

describe("the API client", () => {
  it("sends the in-memory access token as a bearer token", async () => {
    const session = new Session();
    session.signIn({ accessToken: "access-1", refreshToken: "refresh-1", expiresIn: 900, tokenType: "Bearer" });
    const { requests, fetch } = recordingFetch();
    await createApiClient({ baseUrl: "http://app.test", fetch, session }).GET("/health");
    expect(requests[0]?.headers.get("Authorization")).toBe("Bearer access-1");
    expect(requests[0]?.url).toBe("http://app.test/health");
  });

  it("sends no Authorization header when nobody is signed in", async () => {
    const { requests, fetch } = recordingFetch();
    await createApiClient({ baseUrl: "http://app.test", fetch, session: new Session() }).GET("/health");
    expect(requests[0]?.headers.has("Authorization")).toBe(false);
  });

  it("forgets the tokens on sign-out and keeps them out of web storage", () => {
    const session = new Session();
    session.signIn({ accessToken: "a", refreshToken: "r", expiresIn: 900, tokenType: "Bearer" });
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(document.cookie).toBe("");
    session.signOut();
    expect(session.current).toEqual({ accessToken: null, refreshToken: null });
  });
});
