import { describe, expect, it } from "vitest";
import { createApiClient, type TokenRefresher } from "./client";
import { Session } from "../auth/session";

/** Answers each request with the next status of `statuses` (the last one repeats), recording what was sent. */
function server(...statuses: number[]) {
  const requests: { url: string; authorization: string | null; body: string }[] = [];
  const fetch = async (request: Request) => {
    requests.push({ url: request.url, authorization: request.headers.get("Authorization"), body: await request.text() });
    const status = statuses[Math.min(requests.length - 1, statuses.length - 1)]!;
    return new Response(JSON.stringify(status === 200 ? { status: "healthy" } : { title: "Unauthorized", status }), {
      status,
      headers: { "Content-Type": status === 200 ? "application/json" : "application/problem+json" },
    });
  };
  return { requests, fetch };
}

/** A refresher that answers `next` and records the stale tokens it was asked to replace. */
function refresher(next: string | null): TokenRefresher & { asked: string[] } {
  const asked: string[] = [];
  return { asked, refresh: async (stale) => (asked.push(stale), next) };
}

function signedIn(token: string): Session {
  const session = new Session();
  session.signIn({ accessToken: token, expiresIn: 900 });
  return session;
}

describe("the API client", () => {
  it("sends the in-memory access token as a bearer token", async () => {
    const { requests, fetch } = server(200);
    await createApiClient({ baseUrl: "http://app.test", fetch, session: signedIn("access-1"), refresher: refresher(null) }).GET("/health");
    expect(requests).toEqual([{ url: "http://app.test/health", authorization: "Bearer access-1", body: "" }]);
  });

  it("sends no Authorization header when nobody is signed in, and a 401 then is just the answer", async () => {
    const { requests, fetch } = server(401);
    const refresh = refresher("never");
    const answer = await createApiClient({ baseUrl: "http://app.test", fetch, session: new Session(), refresher: refresh }).GET("/api/v1/me");
    expect(answer.response.status).toBe(401);
    expect(requests.map((r) => r.authorization)).toEqual([null]);
    expect(refresh.asked).toEqual([]);
  });

  it("after a 401 refreshes once and sends the request again, body and all, with the new token", async () => {
    const { requests, fetch } = server(401, 200);
    const refresh = refresher("access-2");
    const client = createApiClient({ baseUrl: "http://app.test", fetch, session: signedIn("access-1"), refresher: refresh });
    const answer = await client.PATCH("/api/v1/me", { body: { name: "Ada" } });
    expect(answer.response.status).toBe(200);
    expect(refresh.asked).toEqual(["access-1"]);
    expect(requests.map((r) => [r.authorization, r.body])).toEqual([
      ["Bearer access-1", '{"name":"Ada"}'],
      ["Bearer access-2", '{"name":"Ada"}'],
    ]);
  });

  it("retries only once: a second 401 is the answer", async () => {
    const { requests, fetch } = server(401);
    const refresh = refresher("access-2");
    const answer = await createApiClient({ baseUrl: "http://app.test", fetch, session: signedIn("access-1"), refresher: refresh }).GET("/api/v1/me");
    expect(answer.response.status).toBe(401);
    expect(requests).toHaveLength(2);
    expect(refresh.asked).toEqual(["access-1"]);
  });

  it("does not send the request again when the session could not be refreshed", async () => {
    const { requests, fetch } = server(401);
    const answer = await createApiClient({ baseUrl: "http://app.test", fetch, session: signedIn("access-1"), refresher: refresher(null) }).GET("/api/v1/me");
    expect(answer.response.status).toBe(401);
    expect(requests).toHaveLength(1);
  });

  it("keeps the access token out of web storage and readable cookies, and forgets it on sign-out", () => {
    const session = signedIn("a");
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(document.cookie).toBe("");
    session.signOut();
    expect(session.current).toEqual({ status: "signed-out", accessToken: null, expiresAt: null });
  });
});
