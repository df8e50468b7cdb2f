import { useSyncExternalStore } from "react";
import { session, type SessionState } from "./session";

/** The current session; the component re-renders on sign-in and sign-out. */
export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.snapshot, session.snapshot);
}
