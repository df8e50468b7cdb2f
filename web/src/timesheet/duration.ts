/**
 * Durations as people type them into a timesheet cell, and as the cells show them. A cell holds whole minutes: what is
 * typed is rounded to the minute, and what the server counts in seconds is shown to the minute.
 */

/** A cell holds one day's time: more than a day in one cell is a typing mistake (and the server refuses it). */
export const maxCellSeconds = 24 * 3600;

export type ParsedDuration = { ok: true; seconds: number } | { ok: false; error: string };

const examples = "Enter a duration such as 1:30, 1.5h, 90m or 1h 30m.";

const unitSeconds: Record<string, number> = {
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
};

/** `1.5`, `1,5` or `.5`: a decimal comma is as good as a point (half of Europe types one). */
const decimal = String.raw`(?:\d+(?:[.,]\d*)?|[.,]\d+)`;
const clockPattern = /^(\d{0,2}):(\d{1,2})(?::(\d{1,2}))?$/;
const plainPattern = new RegExp(`^${decimal}$`);
const unitsPattern = new RegExp(`^(?:(${decimal})\\s*([a-z]+)\\s*)+$`);
const unitPart = new RegExp(`(${decimal})\\s*([a-z]+)`, "g");

const number = (text: string) => Number(text.replace(",", "."));

/** The seconds that `text` means before rounding, or an error; null for none at all. */
function read(text: string): number | string {
  const clock = clockPattern.exec(text);
  if (clock) {
    const [, hours = "", minutes = "0", seconds = "0"] = clock;
    if (Number(minutes) > 59) return `Minutes go up to 59 after the colon: write ${Math.floor(Number(minutes) / 60) + Number(hours || 0)}:${String(Number(minutes) % 60).padStart(2, "0")} instead.`;
    if (Number(seconds) > 59) return "Seconds go up to 59.";
    return Number(hours || 0) * 3600 + Number(minutes) * 60 + Number(seconds);
  }
  if (plainPattern.test(text)) return number(text) * 3600;
  if (unitsPattern.test(text)) {
    let total = 0;
    const seen = new Set<number>();
    for (const [, amount = "0", unit = ""] of text.matchAll(unitPart)) {
      const size = unitSeconds[unit];
      if (size === undefined) return `“${unit}” is not a unit here: use h for hours and m for minutes.`;
      // `1h 2h` is a slip, not three hours.
      if (seen.has(size)) return examples;
      seen.add(size);
      total += number(amount) * size;
    }
    // Hours after minutes (`30m 1h`) read oddly but mean one thing: accepted.
    return total;
  }
  return examples;
}

/**
 * Reads what was typed into a cell: `1:30`, `1.5`, `1,5h`, `90m`, `1h 30m`, `1h30`, `2` (hours), `2 hours 15 min`.
 * Empty text (or zero) is zero seconds: the cell is cleared. The result is whole minutes, at most 24 hours.
 */
export function parseDuration(input: string): ParsedDuration {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  if (text === "") return { ok: true, seconds: 0 };
  if (text.startsWith("-")) return { ok: false, error: "A duration cannot be negative. Clear the cell to remove its time." };
  // `1h30` is one hour thirty: a bare number after hours is minutes.
  const spelled = /^(\d+)\s*h\s*(\d{1,2})$/.exec(text);
  const seconds = read(spelled ? `${spelled[1]}h ${spelled[2]}m` : text);
  if (typeof seconds === "string") return { ok: false, error: seconds };
  if (!Number.isFinite(seconds)) return { ok: false, error: examples };
  const minutes = Math.round(seconds / 60);
  if (minutes === 0 && seconds > 0) return { ok: false, error: "That is less than a minute: a cell holds whole minutes." };
  if (minutes * 60 > maxCellSeconds) return { ok: false, error: "A day has 24 hours: enter 24:00 or less." };
  return { ok: true, seconds: minutes * 60 };
}

/** Seconds as a cell shows them, to the nearest minute: `1:30`, `0:05`, `12:00`; nothing for none. */
export function formatDuration(totalSeconds: number, empty = ""): string {
  const minutes = Math.round(Math.max(0, totalSeconds) / 60);
  if (minutes === 0 && totalSeconds <= 0) return empty;
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}
