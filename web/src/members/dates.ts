/** A day as people read it ("Dec 3, 2026"), in the person's time zone (the browser's when unknown). */
export function formatDay(instant: string, timeZone: string | null | undefined): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: timeZone ?? undefined, day: "numeric", month: "short", year: "numeric" }).format(
    new Date(instant),
  );
}
