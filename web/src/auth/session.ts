/**
 * Where the page stands: `unknown` until the first refresh after a load tells (the refresh token is an HttpOnly cookie
 * the page cannot see), then signed in or out.
 */
export type SessionStatus = "unknown" | "signed-in" | "signed-out";

/** Who is signed in, as the page knows it: the access token lives in this module's memory and nowhere else. */
export interface SessionState {
  status: SessionStatus;
  accessToken: string | null;
  /** When the access token expires, in milliseconds since the epoch (null when signed out). */
  expiresAt: number | null;
}

/** What a sign-in or refresh answers, in either mode (a script's answer also has a refresh token, which is ignored). */
export interface AccessGrant {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

type Listener = () => void;

/**
 * The in-memory session. Never written to localStorage, sessionStorage or a readable cookie: a script injected into the
 * page could read those. The refresh token is the server's HttpOnly cookie; the page never holds it.
 */
export class Session {
  private state: SessionState = { status: "unknown", accessToken: null, expiresAt: null };
  private readonly listeners = new Set<Listener>();

  constructor(private readonly now: () => number = Date.now) {}

  get current(): SessionState {
    return this.state;
  }

  get signedIn(): boolean {
    return this.state.status === "signed-in";
  }

  /** Holds a new access token; `expiresAt` (from another tab) wins over `grant.expiresIn`. */
  signIn(grant: AccessGrant, expiresAt?: number): void {
    this.set({ status: "signed-in", accessToken: grant.accessToken, expiresAt: expiresAt ?? this.now() + grant.expiresIn * 1000 });
  }

  signOut(): void {
    this.set({ status: "signed-out", accessToken: null, expiresAt: null });
  }

  /** For useSyncExternalStore: React re-renders when the session changes. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): SessionState => this.state;

  private set(next: SessionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/** The page's one session. */
export const session = new Session();
