import { useEffect, useState } from "react";
import { elapsedSeconds } from "./time";

/**
 * The seconds since `startedAt`, re-read from the clock on every tick (never counted up, so it never drifts, and a tab
 * woken from sleep shows the right time at once). Ticks land just after each whole second of the running time.
 */
export function useElapsed(startedAt: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return;
    const start = Date.parse(startedAt);
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      timer = setTimeout(tick, 1000 - ((((current - start) % 1000) + 1000) % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [startedAt]);
  return startedAt === null ? 0 : elapsedSeconds(startedAt, now);
}

/** Whether a key press is typing into a field (where a shortcut must not fire). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(target.type);
}

/** The start/stop shortcut, as `aria-keyshortcuts` spells it. */
export const timerShortcut = "Alt+Shift+S";

/** Whether the key press is the start/stop shortcut (by key position, so layouts where Alt types a letter still work). */
export function isTimerShortcut(event: KeyboardEvent): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && (event.code === "KeyS" || event.key.toLowerCase() === "s");
}
