/**
 * The calendar's geometry, apart from React: where an entry is drawn in a day's column, how overlapping entries share
 * the width, how a pointer's position snaps to a quarter hour and back to an instant.
 *
 * A column is the wall clock of one day in the person's time zone (from `GET /me`, never the browser's): 0 is midnight,
 * 1440 the next midnight. On a daylight-saving day the clock skips or repeats an hour; the column still has 24 hours,
 * so an entry across the skipped hour looks an hour longer than it is and two entries in the repeated hour share its
 * place (side by side, as any overlap). Their labels always say the real times and duration.
 */
import { addDays, dayOf, instantAt, wallClock, weekStart, type DateKey } from "../timer/time";

export const minutesPerDay = 24 * 60;
/** Every time the calendar sets is a whole quarter hour. */
export const snapMinutes = 15;

export type CalendarView = "day" | "week";

/** The days a view shows around `date`: the day itself, or its Monday-to-Sunday week. */
export function daysOf(view: CalendarView, date: DateKey): DateKey[] {
  if (view === "day") return [date];
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** A day as the day view's heading reads it, with its year: `Wednesday, 2 December 2026`. */
export function dayTitle(day: DateKey, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** The date the previous or next button shows: a day or a week away. */
export function step(view: CalendarView, date: DateKey, direction: -1 | 1): DateKey {
  return addDays(date, direction * (view === "day" ? 1 : 7));
}

/** Minutes rounded to the nearest quarter hour, kept within the day. */
export function snap(minutes: number): number {
  return Math.min(minutesPerDay, Math.max(0, Math.round(minutes / snapMinutes) * snapMinutes));
}

/** The wall-clock minutes of an instant in the zone (seconds as a fraction). */
export function minuteOfDay(instant: number, timeZone: string): number {
  const clock = wallClock(instant, timeZone);
  return clock.hour * 60 + clock.minute + clock.second / 60;
}

/** `HH:mm` of wall-clock minutes (1440 reads 24:00 nowhere: it is the next day's 00:00). */
export function clockText(minutes: number): string {
  const whole = Math.round(minutes) % minutesPerDay;
  return `${String(Math.floor(whole / 60)).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`;
}

/** The instant the zone's clocks read `minutes` on `day`; 1440 is the next day's midnight. */
export function instantOf(day: DateKey, minutes: number, timeZone: string): Date {
  if (minutes >= minutesPerDay) return instantAt(addDays(day, 1), "00:00", timeZone);
  return instantAt(day, clockText(minutes), timeZone);
}

/** What the layout needs of an entry: its span in milliseconds (a running timer ends now). */
export interface Span {
  id: number;
  start: number;
  end: number;
}

/** The part of an entry drawn in one day's column, in wall-clock minutes. */
export interface Segment<T extends Span = Span> {
  entry: T;
  day: DateKey;
  top: number;
  bottom: number;
  /** Whether the entry goes on before this day (its start edge is in another column) or after it. */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

/** The shortest height a block is drawn with, so that a one-minute entry can still be seen and pressed. */
export const minimumBlockMinutes = 15;

/**
 * The segments of `entries` in the columns of `days`: an entry across midnight is drawn in both days, cut at midnight.
 * Entries outside the days are left out.
 */
export function segmentsOf<T extends Span>(entries: readonly T[], days: readonly DateKey[], timeZone: string): Segment<T>[] {
  const segments: Segment<T>[] = [];
  for (const day of days) {
    const dayStart = instantAt(day, "00:00", timeZone).getTime();
    const dayEnd = instantAt(addDays(day, 1), "00:00", timeZone).getTime();
    for (const entry of entries) {
      if (entry.end <= dayStart || entry.start >= dayEnd) {
        // An instant entry (no length) at midnight still belongs to the day it starts on.
        if (!(entry.start === entry.end && entry.start === dayStart)) continue;
      }
      const continuesBefore = entry.start < dayStart;
      const continuesAfter = entry.end > dayEnd;
      const top = continuesBefore ? 0 : minuteOfDay(entry.start, timeZone);
      let bottom = continuesAfter || entry.end === dayEnd ? minutesPerDay : minuteOfDay(entry.end, timeZone);
      // In a repeated autumn hour the end's clock may read before the start's: draw the real length instead.
      if (bottom < top) bottom = Math.min(minutesPerDay, top + (entry.end - entry.start) / 60_000);
      bottom = Math.min(minutesPerDay, Math.max(bottom, top + minimumBlockMinutes));
      segments.push({ entry, day, top: Math.min(top, minutesPerDay - minimumBlockMinutes), bottom, continuesBefore, continuesAfter });
    }
  }
  return segments;
}

/** A segment placed in its column: `lane` of `lanes` side-by-side lanes (left = lane / lanes of the width). */
export interface Placed<T extends Span = Span> extends Segment<T> {
  lane: number;
  lanes: number;
}

/**
 * Overlapping segments of one day side by side. Segments that overlap one another, directly or through others, form
 * a cluster; each takes the first lane free at its start, and the whole cluster shares the width by its number of
 * lanes. Touching (one ends as the next starts) is not overlapping.
 */
export function placeDay<T extends Span>(segments: readonly Segment<T>[]): Placed<T>[] {
  const sorted = [...segments].sort((a, b) => a.top - b.top || b.bottom - a.bottom || a.entry.id - b.entry.id);
  const placed: Placed<T>[] = [];
  let cluster: Placed<T>[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    for (const segment of cluster) segment.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const segment of sorted) {
    if (segment.top >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= segment.top);
    if (lane === -1) lane = laneEnds.push(segment.bottom) - 1;
    else laneEnds[lane] = segment.bottom;
    const item = { ...segment, lane, lanes: 1 };
    cluster.push(item);
    placed.push(item);
    clusterEnd = Math.max(clusterEnd, segment.bottom);
  }
  close();
  return placed;
}

/** Each day's placed segments. */
export function placeAll<T extends Span>(segments: readonly Segment<T>[], days: readonly DateKey[]): Map<DateKey, Placed<T>[]> {
  return new Map(days.map((day) => [day, placeDay(segments.filter((segment) => segment.day === day))]));
}

/** The wall-clock minute a pointer is at, from its offset in pixels below the column's top. */
export function minuteAt(offsetY: number, pixelsPerMinute: number): number {
  return Math.min(minutesPerDay, Math.max(0, offsetY / pixelsPerMinute));
}

/**
 * The span a drag on empty time asks for, snapped: from the quarter hour where it started to the one where it is,
 * whichever way it went, and at least a quarter hour long.
 */
export function draggedSpan(fromMinute: number, toMinute: number): { top: number; bottom: number } {
  const a = Math.floor(fromMinute / snapMinutes) * snapMinutes;
  const b = snap(toMinute);
  const top = Math.min(a, b);
  const bottom = Math.max(a, b, top + snapMinutes);
  return { top: Math.min(top, minutesPerDay - snapMinutes), bottom: Math.min(bottom, minutesPerDay) };
}

/** The first minute the grid shows when it opens: an hour before now on today, else the working day (08:00). */
export function openingMinute(days: readonly DateKey[], now: number, timeZone: string): number {
  if (days.includes(dayOf(now, timeZone))) return Math.max(0, Math.floor(minuteOfDay(now, timeZone) / 60) * 60 - 60);
  return 8 * 60;
}

/** The hour lines a column draws, as wall-clock minutes. */
export const hourMarks = Array.from({ length: 24 }, (_, hour) => hour * 60);

/** A colour for a project (the API stores none): the same project gets the same of eight, distinct for neighbours. */
export function projectHue(projectId: number | null): number | null {
  if (projectId === null) return null;
  return (projectId * 7) % 8;
}
