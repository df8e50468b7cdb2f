/**
 * Time arithmetic for the timer and My time, in the person's IANA time zone (from `GET /me`), never the browser's:
 * someone whose account says Europe/Paris sees Paris days and hours on any machine. Days are `yyyy-MM-dd` keys (the
 * API's date format); instants are ISO strings as the server answers them.
 */

/** `yyyy-MM-dd`. */
export type DateKey = string;

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading of an instant in a time zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(instant: Date | number | string, timeZone: string): WallClock {
  const date = typeof instant === "string" ? new Date(instant) : new Date(instant);
  const parts: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(date)) if (part.type !== "literal") parts[part.type] = Number(part.value);
  return {
    year: parts["year"] ?? 0,
    month: parts["month"] ?? 1,
    day: parts["day"] ?? 1,
    hour: (parts["hour"] ?? 0) % 24,
    minute: parts["minute"] ?? 0,
    second: parts["second"] ?? 0,
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** The day an instant falls on in the time zone. */
export function dayOf(instant: Date | number | string, timeZone: string): DateKey {
  const clock = wallClock(instant, timeZone);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
}

/** `HH:mm` of an instant in the time zone (what an `<input type="time">` holds). */
export function timeOf(instant: Date | number | string, timeZone: string): string {
  const clock = wallClock(instant, timeZone);
  return `${pad(clock.hour)}:${pad(clock.minute)}`;
}

function parseDay(day: DateKey): [number, number, number] {
  const [year, month, date] = day.split("-").map(Number);
  return [year ?? 1970, month ?? 1, date ?? 1];
}

/** The day `days` after (or before) `day`, on the calendar: no time zone involved. */
export function addDays(day: DateKey, days: number): DateKey {
  const [year, month, date] = parseDay(day);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** The Monday of the ISO week `day` is in. */
export function weekStart(day: DateKey): DateKey {
  const [year, month, date] = parseDay(day);
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** Whether `value` is a real `yyyy-MM-dd` day. */
export function isDateKey(value: string | null): value is DateKey {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}

/** The milliseconds by which the zone's wall clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, timeZone: string): number {
  const clock = wallClock(instant, timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the zone's clocks read `time` (`HH:mm`) on `day`. A time skipped by a DST jump forward
 * (02:30 on the spring night in Europe) is read with the offset before the jump, so it lands after it (03:30);
 * a time that occurs twice in autumn is its first occurrence.
 */
export function instantAt(day: DateKey, time: string, timeZone: string): Date {
  const [year, month, date] = parseDay(day);
  const [hour, minute] = time.split(":").map(Number);
  const wall = Date.UTC(year, month - 1, date, hour ?? 0, minute ?? 0);
  const before = offsetAt(wall - 86_400_000 / 2, timeZone);
  const after = offsetAt(wall + 86_400_000 / 2, timeZone);
  // Try both offsets around the day; the first that reads back as the asked wall time wins (the earlier instant).
  for (const offset of [before, after].sort((a, b) => b - a)) {
    const candidate = wall - offset;
    if (offsetAt(candidate, timeZone) === offset) return new Date(candidate);
  }
  return new Date(wall - before);
}

/** Seconds as `H:MM:SS` (`0:05:09`, `12:00:00`): how the running timer and durations read. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** Seconds in words for screen readers, to the minute (`1 hour 5 minutes`, `less than a minute`). */
export function spokenDuration(totalSeconds: number): string {
  const minutes = Math.floor(Math.max(0, totalSeconds) / 60);
  if (minutes === 0) return "less than a minute";
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const words = [];
  if (hours > 0) words.push(`${hours} ${hours === 1 ? "hour" : "hours"}`);
  if (rest > 0) words.push(`${rest} ${rest === 1 ? "minute" : "minutes"}`);
  return words.join(" ");
}

/** The seconds from `startedAt` to `now`, never negative (the server's clock may be a little ahead of the browser's). */
export function elapsedSeconds(startedAt: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000));
}

const dayOptions: Intl.DateTimeFormatOptions = { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" };
const weekOptions: Intl.DateTimeFormatOptions = { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" };

/**
 * The browser's own formats for the headings, made once when the script loads: the page's first date format costs the
 * browser tens of milliseconds (it loads its locale and time-zone data), which then falls before the first paint rather
 * than in the middle of the timer page's first render; each later one is cheap but not free, so none is made per render.
 */
const browserFormats = { day: new Intl.DateTimeFormat(undefined, dayOptions), week: new Intl.DateTimeFormat(undefined, weekOptions) };

function formatFor(kind: keyof typeof browserFormats, locale: string | undefined): Intl.DateTimeFormat {
  return locale === undefined ? browserFormats[kind] : new Intl.DateTimeFormat(locale, kind === "day" ? dayOptions : weekOptions);
}

/** A day as a heading reads it: `Tuesday, 24 November`. The key is a calendar day: it is formatted in UTC on purpose. */
export function dayLabel(day: DateKey, locale?: string): string {
  const [year, month, date] = parseDay(day);
  return formatFor("day", locale).format(new Date(Date.UTC(year, month - 1, date, 12)));
}

/** A week as its heading reads it: `23 – 29 November 2026`, `30 November – 6 December 2026`. */
export function weekLabel(monday: DateKey, locale?: string): string {
  const [y1, m1, d1] = parseDay(monday);
  const [y2, m2, d2] = parseDay(addDays(monday, 6));
  return formatFor("week", locale).formatRange(new Date(Date.UTC(y1, m1 - 1, d1, 12)), new Date(Date.UTC(y2, m2 - 1, d2, 12)));
}

/** What grouping needs of an entry. */
export interface Timed {
  startedAt: string;
  durationSeconds: number | null;
}

export interface Day<T> {
  day: DateKey;
  entries: T[];
  /** The finished entries' seconds; a running timer counts once it stops. */
  totalSeconds: number;
}

/**
 * Entries grouped by the day they start on in the time zone, newest day first, each day's entries newest first. An
 * entry across midnight belongs, whole, to the day it started on (as the server's reports count it).
 */
export function groupByDay<T extends Timed>(entries: readonly T[], timeZone: string): Day<T>[] {
  const days = new Map<DateKey, Day<T>>();
  const sorted = [...entries].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  for (const entry of sorted) {
    const key = dayOf(entry.startedAt, timeZone);
    let day = days.get(key);
    if (!day) days.set(key, (day = { day: key, entries: [], totalSeconds: 0 }));
    day.entries.push(entry);
    day.totalSeconds += entry.durationSeconds ?? 0;
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}

/** Parses a tags field (`meeting, client`) into the names the API takes. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((tag) => tag.trim()).filter(Boolean))];
}
