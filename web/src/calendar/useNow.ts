import { useEffect, useState } from "react";

/**
 * The time now, read again at each whole `stepMs` of the clock (each minute by default): the running timer's block
 * grows and the now line moves with the clock's minutes, without a render every second.
 */
export function useNow(stepMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      timer = setTimeout(tick, stepMs - (current % stepMs) + 5);
    };
    timer = setTimeout(tick, stepMs - (Date.now() % stepMs) + 5);
    return () => clearTimeout(timer);
  }, [stepMs]);
  return now;
}
