import { useEffect, useSyncExternalStore } from "react";
import { keeper } from "./keeper";
import { session, type SessionState } from "./session";

/** The current session; the component re-renders on sign-in, refresh and sign-out (in this tab or another). */
export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.snapshot, session.snapshot);
}

/** The session, restored after a load or in a new tab (one refresh with the cookie) while its status is `unknown`. */
export function useRestoredSession(): SessionState {
  const state = useSession();
  useEffect(() => {
    if (state.status === "unknown") void keeper.restore();
  }, [state.status]);
  return state;
}
