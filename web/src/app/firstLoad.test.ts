import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { orgKeys } from "../orgs/organizations";
import { organization } from "../orgs/testData";
import { timerKeys } from "../timer/api";
import { fakeServer, json, project } from "../timer/fakeServer";

afterEach(() => vi.unstubAllGlobals());

/** The session and the loaders as a page's load finds them: unknown until the refresh cookie tells, nothing restored yet. */
async function freshPage() {
  vi.resetModules();
  const { session } = await import("../auth/session");
  const { firstLoadLoaders } = await import("./firstLoad");
  return { session, firstLoadLoaders };
}

const me = { id: 1, email: "ada@example.test", name: "Ada", emailVerified: true, totpEnabled: false, timeZone: "Europe/Paris", defaultHourlyRate: null };

function api() {
  return fakeServer([
    { method: "POST", path: /\/api\/v1\/auth\/refresh$/, answer: () => json(200, { accessToken: "a.b.c", expiresIn: 900 }) },
    { method: "GET", path: /\/api\/v1\/me$/, answer: () => json(200, me) },
    { method: "GET", path: /\/api\/v1\/orgs$/, answer: () => json(200, [organization(4, "Acme")]) },
    { method: "GET", path: /\/api\/v1\/orgs\/4$/, answer: () => json(200, organization(4, "Acme")) },
    { method: "GET", path: /\/orgs\/4\/timer$/, answer: () => new Response(null, { status: 204 }) },
    { method: "GET", path: /\/orgs\/4\/projects$/, answer: () => json(200, { items: [project(7, "Website")], nextCursor: null }) },
    { method: "GET", path: /\/orgs\/4\/time-entries$/, answer: () => json(200, { items: [], nextCursor: null }) },
  ]);
}

const args = (address: string, pattern: string) =>
  ({ params: { orgId: "4" }, request: new Request(address), url: new URL(address), pattern, context: undefined });

/** Both loaders of a page's address, as the router runs them: the organization's and (on the timer page) the page's. */
async function load(firstLoadLoaders: Awaited<ReturnType<typeof freshPage>>["firstLoadLoaders"], client: QueryClient, address: string) {
  const loaders = firstLoadLoaders(client);
  const page = new URL(address).pathname.endsWith("/time") ? [loaders.timePage(args(address, "/orgs/:orgId/time"))] : [];
  await Promise.all([loaders.organization(args(address, "/orgs/:orgId")), ...page]);
}

describe("the timer page's first load", () => {
  it("restores the session, then fetches everything the page shows, so that it renders once with all of it", async () => {
    const { session, firstLoadLoaders } = await freshPage();
    const server = api();
    vi.stubGlobal("fetch", server.fetch);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });

    await load(firstLoadLoaders, client, "http://localhost/orgs/4/time?week=2026-11-25");

    expect(session.current.status).toBe("signed-in");
    expect(server.requests[0]?.path).toBe("/api/v1/auth/refresh");
    expect(client.getQueryData(orgKeys.me)).toEqual(me);
    expect(client.getQueryData(orgKeys.all)).toHaveLength(1);
    expect(client.getQueryData(orgKeys.one(4))).toMatchObject({ id: 4 });
    expect(client.getQueryData(timerKeys.timer(4))).toBeNull();
    expect(client.getQueryData(timerKeys.projects(4))).toHaveLength(1);
    // The week the address asks for, as My time reads it.
    expect(client.getQueryData(timerKeys.week(4, 1, "2026-11-23"))).toEqual([]);
    expect(server.sent("GET", /time-entries\?.*from=2026-11-23.*to=2026-11-29/)).toHaveLength(1);
  });

  it("fetches the frame for any page of the organization, so that the header never rearranges itself as answers come", async () => {
    const { firstLoadLoaders } = await freshPage();
    const server = api();
    vi.stubGlobal("fetch", server.fetch);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });

    await load(firstLoadLoaders, client, "http://localhost/orgs/4/reports");

    expect(client.getQueryData(orgKeys.me)).toEqual(me);
    expect(client.getQueryData(orgKeys.all)).toHaveLength(1);
    expect(client.getQueryData(orgKeys.one(4))).toMatchObject({ id: 4 });
    expect(server.sent("GET", /time-entries/)).toHaveLength(0);
    expect(server.sent("POST", /auth\/refresh/)).toHaveLength(1);
  });

  it("does nothing once the session is known: later visits show each part's own loading state", async () => {
    const { session, firstLoadLoaders } = await freshPage();
    const server = api();
    vi.stubGlobal("fetch", server.fetch);
    session.signIn({ accessToken: "a.b.c", expiresIn: 900 });

    await load(firstLoadLoaders, new QueryClient(), "http://localhost/orgs/4/time");

    expect(server.requests).toEqual([]);
  });
});
