import createClient from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient } from "../api/client";
import type { paths } from "../api/schema";
import { cookieServer, SessionKeeper, type Channel, type Locks, type SessionMessage } from "./keeper";
import { Session } from "./session";

interface Seen {
  path: string;
  header: string | null;
  cookie: string | null;
  body: string;
}

/**
 * The server's auth routes over a fake fetch, with the browser's cookie jar, which every tab shares: refresh presents
 * the jar's cookie (read when the request leaves, as a browser does), rotates it, and revokes the sign-in when a cookie
 * comes back after it was rotated; logout revokes it and deletes the cookie. `/api/v1/me` takes only `valid` tokens.
 */
function backend(cookie: string | null = "cookie-0") {
  const seen: Seen[] = [];
  const used = new Set<string>();
  let jar = cookie;
  let revoked = false;
  let issued = 0;
  const valid = new Set<string>();
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": status < 400 ? "application/json" : "application/problem+json" } });
  const fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const presented = jar;
    seen.push({ path, header: request.headers.get("X-TimeTracker-Session"), cookie: presented, body: await request.text() });
    // The answer comes later, as over a network: another tab's request can leave meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (path === "/api/v1/me") return valid.has(request.headers.get("Authorization") ?? "") ? json(200, { id: 1 }) : json(401, { title: "Unauthorized", status: 401 });
    if (path === "/api/v1/auth/logout") {
      revoked = true;
      jar = null;
      return new Response(null, { status: 204 });
    }
    if (request.headers.get("X-TimeTracker-Session") !== "cookie") return json(403, { title: "Session header missing", status: 403 });
    if (presented === null || revoked || used.has(presented)) {
      revoked = presented !== null;
      return json(401, { title: "Refresh refused", status: 401 });
    }
    used.add(presented);
    issued++;
    jar = `cookie-${issued}`;
    valid.add(`Bearer access-${issued}`);
    return json(200, { accessToken: `access-${issued}`, expiresIn: 900, tokenType: "Bearer" });
  };
  return { seen, fetch, refreshes: () => seen.filter((s) => s.path === "/api/v1/auth/refresh"), revoked: () => revoked };
}

/** One Web Lock for every tab: each holder runs after the one before has finished. */
function sharedLocks(): Locks {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    request<T>(_name: string, work: () => Promise<T>) {
      const run = tail.then(work);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

/** A BroadcastChannel between tabs, delivering at once to every tab but the sender. */
function sharedChannel(): () => Channel {
  const tabs: ((message: SessionMessage) => void)[] = [];
  return () => {
    let self: ((message: SessionMessage) => void) | null = null;
    return {
      post: (message) => tabs.filter((tab) => tab !== self).forEach((tab) => tab(structuredClone(message))),
      listen: (receive) => tabs.push((self = receive)),
    };
  };
}

/** A tab of the page: its own session and keeper, talking to the shared server, lock and channel. */
function tab(server: ReturnType<typeof backend>, shared: { locks?: Locks; channel?: () => Channel } = {}) {
  const session = new Session();
  const client = createClient<paths>({ baseUrl: "http://app.test", fetch: server.fetch });
  const keeper = new SessionKeeper({ session, server: cookieServer(client), ...shared });
  return { session, keeper };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the session keeper", () => {
  it("restores a session after a load with one refresh of the cookie, with the session header and no token in the body", async () => {
    const server = backend();
    const { session, keeper } = tab(server);
    expect(session.current.status).toBe("unknown");

    await Promise.all([keeper.restore(), keeper.restore()]);

    expect(session.current).toMatchObject({ status: "signed-in", accessToken: "access-1" });
    expect(server.seen).toEqual([{ path: "/api/v1/auth/refresh", header: "cookie", cookie: "cookie-0", body: "{}" }]);
    await keeper.restore();
    expect(server.seen).toHaveLength(1);
  });

  it("ends a load signed out when there is no sign-in to restore", async () => {
    const { session, keeper } = tab(backend(null));
    await keeper.restore();
    expect(session.current).toEqual({ status: "signed-out", accessToken: null, expiresAt: null });
  });

  it("refreshes a minute before the access token expires", async () => {
    vi.useFakeTimers();
    const server = backend();
    const { session, keeper } = tab(server);
    const restored = keeper.restore();
    await vi.advanceTimersByTimeAsync(5);
    await restored;

    await vi.advanceTimersByTimeAsync(838_000);
    expect(server.refreshes()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000 + 5);
    expect(server.refreshes()).toHaveLength(2);
    expect(session.current.accessToken).toBe("access-2");
  });

  it("after a 401 refreshes once and sends the request again with the new token", async () => {
    const server = backend();
    const { session, keeper } = tab(server);
    // A token the server no longer takes (it expired while the tab slept).
    session.signIn({ accessToken: "access-expired", expiresIn: 900 });
    const api = createApiClient({ baseUrl: "http://app.test", fetch: server.fetch, session, refresher: keeper });

    const me = await api.GET("/api/v1/me");

    expect(me.response.status).toBe(200);
    expect(server.seen.map((s) => s.path)).toEqual(["/api/v1/me", "/api/v1/auth/refresh", "/api/v1/me"]);
    expect(session.current.accessToken).toBe("access-1");
  });

  it("makes two tabs take turns, so that the server never sees the same cookie twice, and the tab that waited uses the other's token", async () => {
    const server = backend();
    const shared = { locks: sharedLocks(), channel: sharedChannel() };
    const first = tab(server, shared);
    const second = tab(server, shared);

    await Promise.all([first.keeper.restore(), second.keeper.restore()]);
    await Promise.all([first.keeper.refresh(), second.keeper.refresh()]);

    expect(server.refreshes().map((s) => s.cookie)).toEqual(["cookie-0", "cookie-1"]);
    expect(server.revoked()).toBe(false);
    expect(first.session.current).toMatchObject({ status: "signed-in", accessToken: "access-2" });
    expect(second.session.current).toMatchObject({ status: "signed-in", accessToken: "access-2" });
  });

  it("with the lock alone, the tab that waited presents the rotated cookie, never the old one", async () => {
    const server = backend();
    const locks = sharedLocks();
    const first = tab(server, { locks });
    const second = tab(server, { locks });

    await Promise.all([first.keeper.restore(), second.keeper.restore()]);

    expect(server.refreshes().map((s) => s.cookie)).toEqual(["cookie-0", "cookie-1"]);
    expect(server.revoked()).toBe(false);
    expect([first.session.current.status, second.session.current.status]).toEqual(["signed-in", "signed-in"]);
  });

  it("without the lock, two tabs would present the same cookie and the server would end the sign-in (why the lock is there)", async () => {
    const server = backend();
    const first = tab(server);
    const second = tab(server);

    await Promise.all([first.keeper.restore(), second.keeper.restore()]);

    expect(server.refreshes().map((s) => s.cookie)).toEqual(["cookie-0", "cookie-0"]);
    expect(server.revoked()).toBe(true);
  });

  it("signs out the other tabs at once when one signs out, and ends the sign-in on the server", async () => {
    const server = backend();
    const shared = { locks: sharedLocks(), channel: sharedChannel() };
    const first = tab(server, shared);
    const second = tab(server, shared);
    await Promise.all([first.keeper.restore(), second.keeper.restore()]);
    const before = server.seen.length;

    const signingOut = first.keeper.signOut();
    expect(first.session.current.status).toBe("signed-out");
    await signingOut;

    expect(second.session.current).toEqual({ status: "signed-out", accessToken: null, expiresAt: null });
    expect(server.seen.slice(before)).toEqual([{ path: "/api/v1/auth/logout", header: "cookie", cookie: "cookie-1", body: "{}" }]);
    expect(server.revoked()).toBe(true);
    expect(await second.keeper.refresh()).toBeNull();
    expect(server.seen).toHaveLength(before + 1);
  });

  it("shares a sign-in with the other tabs", async () => {
    const shared = { locks: sharedLocks(), channel: sharedChannel() };
    const first = tab(backend(null), shared);
    const second = tab(backend(null), shared);
    await Promise.all([first.keeper.restore(), second.keeper.restore()]);

    first.keeper.signedIn({ accessToken: "access-9", expiresIn: 900 });

    expect(second.session.current).toMatchObject({ status: "signed-in", accessToken: "access-9", expiresAt: first.session.current.expiresAt });
  });
});
