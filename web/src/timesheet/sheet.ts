import type { NewTimeEntry, TimeEntry } from "../timer/api";
import { addDays, dayOf, instantAt, isDateKey, type DateKey } from "../timer/time";

/**
 * The week timesheet's model: entries laid out as rows (a project and task) by days, and what a cell's new total asks
 * the server to do. Pure functions of the entries, so that the grid and its tests read the same rules.
 */

/** 0 = Sunday … 6 = Saturday. The profile has no week start yet: weeks start on Monday, as ISO 8601's do. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const defaultWeekStart: Weekday = 1;

/** The first day of the week `day` is in, for weeks that start on `first`. */
export function startOfWeek(day: DateKey, first: Weekday = defaultWeekStart): DateKey {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, -((weekday - first + 7) % 7));
}

/** The week the address asks for (`?week=2026-11-30`, or any day of it), else the week of `today`. */
export function weekOf(asked: string | null, today: DateKey, first: Weekday = defaultWeekStart): DateKey {
  return startOfWeek(isDateKey(asked) ? asked : today, first);
}

export const daysOf = (start: DateKey): DateKey[] => Array.from({ length: 7 }, (_, i) => addDays(start, i));

/** A row: time on one project (or none) and one task (or none). */
export interface RowId {
  projectId: number | null;
  taskId: number | null;
}

export const rowKey = ({ projectId, taskId }: RowId) => `${projectId ?? "-"}/${taskId ?? "-"}`;

export interface Cell {
  /** The entries that started on the cell's day, on its row. */
  entries: TimeEntry[];
  /** Their finished time; a running timer counts once it stops. */
  seconds: number;
  /** Why the grid may not change this cell, or null when it may. */
  lockedBecause: string | null;
  running: boolean;
}

export interface Row extends RowId {
  key: string;
  cells: Record<DateKey, Cell>;
}

/** A cell without time. */
export const emptyCell = (): Cell => ({ entries: [], seconds: 0, lockedBecause: null, running: false });

/** Why an entry may not be changed from the grid, or null. */
export function lockReason(entry: TimeEntry): string | null {
  if (entry.lockReason) return entry.lockReason;
  if (entry.invoiceId !== null) return "Locked: this time is on an invoice. It can be changed again only if an admin voids that invoice.";
  if (entry.lockedAt !== null) return "Locked: this time was billed by an earlier invoicing and cannot be changed.";
  if (entry.endedAt === null) return "The timer is running on this. Stop it to change this day's time here.";
  return null;
}

/**
 * The week's rows: one per project and task that has time on one of `days`, and one per row the person added that has
 * none yet (`added`, in the order added). Rows keep the order of `added`, then the order the entries came in.
 */
export function buildRows(entries: readonly TimeEntry[], days: readonly DateKey[], timeZone: string, added: readonly RowId[] = []): Row[] {
  const rows = new Map<string, Row>();
  const rowFor = (id: RowId) => {
    const key = rowKey(id);
    let row = rows.get(key);
    if (!row) {
      row = { key, projectId: id.projectId, taskId: id.taskId, cells: Object.fromEntries(days.map((day) => [day, emptyCell()])) };
      rows.set(key, row);
    }
    return row;
  };
  const oldestFirst = [...entries].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.id - b.id);
  for (const entry of oldestFirst) {
    const cell = rowFor(entry).cells[dayOf(entry.startedAt, timeZone)];
    // The list is asked for these days only; an entry outside them (a later change) waits for the refetch.
    if (!cell) continue;
    cell.entries.push(entry);
    cell.seconds += entry.durationSeconds ?? 0;
    cell.running ||= entry.endedAt === null;
    cell.lockedBecause ??= lockReason(entry);
  }
  for (const id of added) rowFor(id);
  return [...rows.values()];
}

/** One call to the API that a cell's change takes. */
export type Step = { kind: "create"; body: NewTimeEntry } | { kind: "update"; id: number; endedAt: string } | { kind: "delete"; id: number };

/** Where a new entry goes when a cell gets its first time: after the day's last entry, else from 09:00. */
export const dayStartsAt = "09:00";

function newStart(day: DateKey, timeZone: string, dayEntries: readonly TimeEntry[]): Date {
  const ends = dayEntries.filter((entry) => entry.endedAt !== null).map((entry) => Date.parse(entry.endedAt ?? ""));
  const last = Math.max(...ends);
  // An entry that ran past midnight would put the new one on the next day: that one starts the day at nine instead.
  if (ends.length > 0 && dayOf(last, timeZone) === day) return new Date(last);
  return instantAt(day, dayStartsAt, timeZone);
}

const plus = (instant: string, seconds: number) => new Date(Date.parse(instant) + seconds * 1000).toISOString();

/**
 * The calls that make the cell of `row` on `day` hold `target` seconds. Zero deletes its entries. An empty cell gets
 * one entry, after the day's last one (`dayEntries`: every row's, that day). One entry is made longer or shorter by
 * its end. Of several, the newest is made longer; less time trims the newest ones, deleting those it uses up whole.
 */
export function planCell(row: RowId, cell: Cell, target: number, day: DateKey, timeZone: string, dayEntries: readonly TimeEntry[]): Step[] {
  if (target === 0) return cell.entries.map((entry) => ({ kind: "delete", id: entry.id }));
  if (cell.entries.length === 0) {
    const start = newStart(day, timeZone, dayEntries);
    const body: NewTimeEntry = { startedAt: start.toISOString(), endedAt: plus(start.toISOString(), target), projectId: row.projectId, taskId: row.taskId };
    return [{ kind: "create", body }];
  }
  const newestFirst = [...cell.entries].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || b.id - a.id);
  let change = target - cell.seconds;
  if (change === 0) return [];
  const [newest] = newestFirst;
  if (change > 0 && newest?.endedAt) return [{ kind: "update", id: newest.id, endedAt: plus(newest.endedAt, change) }];
  const steps: Step[] = [];
  for (const entry of newestFirst) {
    const seconds = entry.durationSeconds ?? 0;
    if (change >= 0 || entry.endedAt === null) break;
    if (seconds <= -change) {
      steps.push({ kind: "delete", id: entry.id });
      change += seconds;
    } else {
      steps.push({ kind: "update", id: entry.id, endedAt: plus(entry.endedAt, change) });
      change = 0;
    }
  }
  return steps;
}

/** The seconds of each day, and of the week, over `rows`; `override` replaces a cell's seconds (typed, being saved). */
export function totals(rows: readonly Row[], days: readonly DateKey[], override: (row: Row, day: DateKey) => number | undefined = () => undefined) {
  const byRow = new Map<string, number>();
  const byDay = new Map<DateKey, number>(days.map((day) => [day, 0]));
  let week = 0;
  for (const row of rows) {
    let sum = 0;
    for (const day of days) {
      const seconds = override(row, day) ?? row.cells[day]?.seconds ?? 0;
      sum += seconds;
      byDay.set(day, (byDay.get(day) ?? 0) + seconds);
    }
    byRow.set(row.key, sum);
    week += sum;
  }
  return { byRow, byDay, week };
}
