import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../api/schema";
import { session as pageSession, type AccessGrant, type Session, type SessionState } from "./session";

/** The header that asks the server for a browser session: the refresh token as an HttpOnly cookie, never in JSON. */
export const browserSession = { "X-TimeTracker-Session": "cookie" } as const;

/** What the keeper needs of the server; the refresh token travels as the HttpOnly cookie the browser sends by itself. */
export interface SessionServer {
  /** A new access token for the cookie, or null when the server refused it (no sign-in). Throws when the server was not reached. */
  refresh(): Promise<AccessGrant | null>;
  /** Ends the cookie's sign-in on the server and deletes the cookie. */
  logout(): Promise<void>;
}

/** The part of the Web Locks API the keeper uses (`navigator.locks`): one holder per name across the origin's tabs. */
export interface Locks {
  request<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/** What the tabs tell each other. */
export type SessionMessage = { kind: "signed-in"; accessToken: string; expiresAt: number } | { kind: "signed-out" };

/** A line to the page's other tabs (a BroadcastChannel). */
export interface Channel {
  post(message: SessionMessage): void;
  listen(receive: (message: SessionMessage) => void): void;
}

export interface KeeperOptions {
  session: Session;
  server: SessionServer;
  /** Absent where the browser has no Web Locks: refreshes are then serialized within the tab only. */
  locks?: Locks;
  /** Opened on first use; absent where the browser has no BroadcastChannel. */
  channel?: () => Channel;
  now?: () => number;
}

/** How long before the access token expires the keeper refreshes it. */
export const refreshAhead = 60_000;
const lockName = "timetracker-session-refresh";

/**
 * Keeps the page signed in. A reload or a new tab starts `unknown`, and one refresh (the cookie) tells whether someone
 * is signed in; the access token is refreshed a minute before it expires, and after a 401.
 *
 * Every refresh rotates the cookie, and presenting a rotated cookie again revokes the whole sign-in. So the tabs take
 * turns (a Web Lock), and each tab tells the others its new token: a tab that waited for the lock finds a fresh token
 * and uses it instead of refreshing again. Signing out tells the other tabs too, and ends the sign-in on the server.
 */
export class SessionKeeper {
  private readonly session: Session;
  private readonly now: () => number;
  private inFlight: Promise<string | null> | null = null;
  private restoring: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private channel: Channel | null = null;
  private connected = false;
  private signingOut = false;
  /** Grows when the session ends, so that a refresh that was under way then is not taken. */
  private epoch = 0;

  constructor(private readonly options: KeeperOptions) {
    this.session = options.session;
    this.now = options.now ?? Date.now;
  }

  /** After a load: one refresh, unless the session is already known. Concurrent calls share it. */
  restore(): Promise<void> {
    this.connect();
    if (this.session.current.status !== "unknown") return Promise.resolve();
    this.restoring ??= this.refresh(null).then(() => undefined);
    return this.restoring;
  }

  /**
   * A new access token in place of `stale` (the one a 401 refused, by default the current one), or null when the
   * session ended. One refresh at a time in the tab, and across tabs.
   */
  refresh(stale: string | null = this.session.current.accessToken): Promise<string | null> {
    this.connect();
    this.inFlight ??= this.exclusively(() => this.refreshHoldingLock(stale)).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** A sign-in in this tab (its answer's access token): held, kept fresh, and shared with the other tabs. */
  signedIn(grant: AccessGrant): void {
    this.connect();
    this.accept(grant);
  }

  /** Signs out this tab and the others at once, then ends the sign-in on the server (which deletes the cookie). */
  async signOut(): Promise<void> {
    this.connect();
    this.signingOut = true;
    this.end();
    try {
      // After any refresh under way in another tab, so that its new cookie is the one revoked and deleted.
      await this.exclusively(async () => {
        this.channel?.post({ kind: "signed-out" });
        await this.options.server.logout().catch(() => undefined);
      });
    } finally {
      this.signingOut = false;
    }
  }

  /** The session ended on the server by other means (signing out everywhere): this tab and the others sign out. */
  ended(): void {
    this.connect();
    this.end();
    this.channel?.post({ kind: "signed-out" });
  }

  private async refreshHoldingLock(stale: string | null): Promise<string | null> {
    const current = this.session.current;
    // Signed out (here or in another tab) while waiting: nothing to refresh.
    if (current.status === "signed-out") return null;
    // Another tab refreshed while this one waited, and said so: its token is as good as a new one.
    if (current.status === "signed-in" && current.accessToken !== stale && this.fresh(current)) return current.accessToken;
    const epoch = this.epoch;
    let grant: AccessGrant | null;
    try {
      grant = await this.options.server.refresh();
    } catch {
      // Not reached: keep what the tab has (a request or the next timer tries again), but a load cannot wait forever.
      if (this.session.current.status === "unknown") this.end();
      return null;
    }
    if (epoch !== this.epoch || this.signingOut) return null;
    if (grant === null) {
      // Refused for this cookie, which every tab shares: each tab learns it from its own next refresh, so that a
      // late refusal here never signs out a tab that has just signed in.
      this.end();
      return null;
    }
    this.accept(grant);
    return grant.accessToken;
  }

  private accept(grant: AccessGrant): void {
    this.session.signIn(grant);
    const { accessToken, expiresAt } = this.session.current;
    this.schedule();
    this.channel?.post({ kind: "signed-in", accessToken: accessToken!, expiresAt: expiresAt! });
  }

  private receive(message: SessionMessage): void {
    if (message.kind === "signed-out") {
      this.end();
      return;
    }
    if (this.signingOut) return;
    const current = this.session.current;
    if (current.status === "signed-in" && (current.expiresAt ?? 0) >= message.expiresAt) return;
    this.session.signIn({ accessToken: message.accessToken, expiresIn: 0 }, message.expiresAt);
    this.schedule();
  }

  private end(): void {
    this.epoch++;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.session.current.status !== "signed-out") this.session.signOut();
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    const left = (this.session.current.expiresAt ?? 0) - this.now();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.session.current.status === "signed-in") void this.refresh();
    }, Math.max(0, left - Math.min(refreshAhead, left / 2)));
  }

  private fresh(state: SessionState): boolean {
    return (state.expiresAt ?? 0) - this.now() > refreshAhead / 2;
  }

  private exclusively<T>(work: () => Promise<T>): Promise<T> {
    return this.options.locks ? this.options.locks.request(lockName, work) : work();
  }

  private connect(): void {
    if (this.connected) return;
    this.connected = true;
    this.channel = this.options.channel?.() ?? null;
    this.channel?.listen((message) => this.receive(message));
  }
}

/** The server's auth routes in browser mode, through a client that adds no bearer token (the cookie is the credential). */
export function cookieServer(client: Client<paths>): SessionServer {
  const params = { header: browserSession };
  return {
    async refresh() {
      const { data, response } = await client.POST("/api/v1/auth/refresh", { params, body: {} });
      if (data) return { accessToken: data.accessToken, expiresIn: data.expiresIn };
      if (response.status === 401 || response.status === 403) return null;
      throw new Error(`The refresh answered ${response.status}.`);
    },
    async logout() {
      await client.POST("/api/v1/auth/logout", { params, body: {} });
    },
  };
}

function browserLocks(): Locks | undefined {
  const locks = globalThis.navigator?.locks;
  // The lock's promise settles as the work's does (TypeScript's DOM types say Promise<Promise<T>>).
  return locks ? { request: <T,>(name: string, work: () => Promise<T>) => locks.request(name, work) as unknown as Promise<T> } : undefined;
}

function browserChannel(): Channel {
  const channel = new BroadcastChannel("timetracker-session");
  return {
    post: (message) => channel.postMessage(message),
    listen: (receive) => (channel.onmessage = (event: MessageEvent<SessionMessage>) => receive(event.data)),
  };
}

/** The page's one keeper, of the page's one session. */
export const keeper = new SessionKeeper({
  session: pageSession,
  server: cookieServer(
    createClient<paths>({ baseUrl: globalThis.location?.origin ?? "", fetch: (request: Request) => globalThis.fetch(request) }),
  ),
  locks: browserLocks(),
  channel: typeof BroadcastChannel === "undefined" ? undefined : browserChannel,
});
