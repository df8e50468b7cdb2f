import type { components } from "../api/schema";

type Tokens = components["schemas"]["TokenResponse"];

/** Who is signed in, as the page knows it: the tokens live in this module's memory and nowhere else. */
export interface SessionState {
  accessToken: string | null;
  /** Kept in memory until the server sets it as an HttpOnly cookie (the next round of issue 18); never in storage. */
  refreshToken: string | null;
}

type Listener = () => void;

/**
 * The in-memory session. Never written to localStorage, sessionStorage or a readable cookie: a script injected into the
 * page could read those, and a token that outlives the tab would outlive the person's intent to stay signed in.
 */
export class Session {
  private state: SessionState = { accessToken: null, refreshToken: null };
  private readonly listeners = new Set<Listener>();

  get current(): SessionState {
    return this.state;
  }

  get signedIn(): boolean {
    return this.state.accessToken !== null;
  }

  signIn(tokens: Tokens): void {
    this.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  }

  signOut(): void {
    this.set({ accessToken: null, refreshToken: null });
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
