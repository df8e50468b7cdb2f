import { useCallback, useEffect, useRef, useState } from "react";

/** How long the undo notice stays before the deletion is sent. */
export const undoMs = 8_000;

/**
 * Delete with undo, the "hide, then send" way: the entry disappears at once and a notice offers Undo; the DELETE is
 * sent only when the notice closes (its time is up, it is dismissed, another entry is deleted, or the page goes away).
 * Undo then needs no request at all and gives back the very same entry (same id, source, creation time), which
 * re-creating it could not (a timer's entry cannot be re-created with `source: timer`).
 */
export function useUndoableDelete<T extends { id: number }>(send: (item: T) => void) {
  const [pending, setPending] = useState<T | null>(null);
  const pendingRef = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const sendRef = useRef(send);
  sendRef.current = send;

  const commit = useCallback(() => {
    clearTimeout(timer.current);
    const item = pendingRef.current;
    pendingRef.current = null;
    setPending(null);
    if (item !== null) sendRef.current(item);
  }, []);

  const remove = useCallback(
    (item: T) => {
      commit();
      pendingRef.current = item;
      setPending(item);
      timer.current = setTimeout(commit, undoMs);
    },
    [commit],
  );

  const undo = useCallback(() => {
    clearTimeout(timer.current);
    pendingRef.current = null;
    setPending(null);
  }, []);

  // Leaving the page (another route, or closing the tab) sends what is still waiting.
  useEffect(() => {
    window.addEventListener("pagehide", commit);
    return () => {
      window.removeEventListener("pagehide", commit);
      commit();
    };
  }, [commit]);

  return { pending, remove, undo, commit };
}
