import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { toProblem } from "../api/problem";
import { dayLabel, spokenDuration, type DateKey } from "../timer/time";
import { formatDuration, parseDuration } from "./duration";
import { totals, type Row } from "./sheet";

/** A row as the grid shows it: its project's name (or "No project") and its task's. */
export interface GridRow extends Row {
  label: string;
  detail: string | null;
}

export interface TimesheetGridProps {
  rows: GridRow[];
  days: DateKey[];
  today: DateKey;
  /** Why nothing can be changed (a read-only organization), or null when cells can be edited. */
  readOnlyBecause: string | null;
  /** Makes the row's cell on `day` hold `seconds`; rejects with the server's problem. */
  save(row: Row, day: DateKey, seconds: number): Promise<void>;
  /** A cell to move to once it is drawn (a row just added). */
  focusRequest: { rowKey: string; day: DateKey } | null;
}

/** What a cell holds besides the server's time: text not saved yet, and how saving it went. */
interface Draft {
  text: string;
  status: "invalid" | "saving" | "failed";
  message?: string;
  seconds?: number;
}

const cellKey = (row: Row, day: DateKey) => `${row.key}@${day}`;

const shortDay = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", weekday: "short" });
const shortDate = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", day: "numeric", month: "short" });
const noon = (day: DateKey) => new Date(`${day}T12:00:00Z`);

function LockIcon() {
  return (
    <svg className="ts-cell__icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

const keys = "Type a duration such as 1:30, 1.5h or 90m. Arrow keys move, Enter or F2 edits, Enter saves, Escape cancels.";

const spoken = (seconds: number) => (seconds === 0 ? "no time" : spokenDuration(seconds));

/**
 * The week as a grid (WAI-ARIA's data grid): one row per project and task, a column per day, with the rows', days' and
 * week's totals. One cell is in the tab order at a time (a roving tabindex): arrows, Home and End move, Enter or F2 edit
 * the cell, typing a digit replaces it, Escape cancels, and Enter or leaving the cell saves. Tab leaves the grid.
 */
export function TimesheetGrid({ rows, days, today, readOnlyBecause, save, focusRequest }: TimesheetGridProps) {
  const id = useId();
  const [active, setActive] = useState<[number, number]>([1, 1]);
  const [editing, setEditing] = useState<{ key: string; text: string; select: boolean } | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [lastSaved, setLastSaved] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [hovered, setHovered] = useState<string | null>(null);
  const [focusInside, setFocusInside] = useState(false);
  // The key being edited, read by the input's blur: a commit or cancel clears it first, so that the blur that moving
  // focus back to the cell causes does not commit a second time.
  const editingKey = useRef<string | null>(null);
  const cells = useRef(new Map<string, HTMLElement>());

  const lastRow = rows.length + 1;
  const lastColumn = days.length + 1;
  const [activeRow, activeColumn] = [Math.min(active[0], lastRow), Math.min(active[1], lastColumn)];

  const focusCell = (row: number, column: number) => {
    const target: [number, number] = [Math.max(0, Math.min(row, lastRow)), Math.max(0, Math.min(column, lastColumn))];
    setActive(target);
    cells.current.get(`${target[0]}:${target[1]}`)?.focus();
  };

  useEffect(() => {
    if (focusRequest === null) return;
    const row = rows.findIndex((candidate) => candidate.key === focusRequest.rowKey);
    const column = days.indexOf(focusRequest.day);
    if (row >= 0) focusCell(row + 1, column >= 0 ? column + 1 : 1);
    // Only a new request moves focus; the rows changing (a refetch) must not.
  }, [focusRequest]);

  const where = (row: GridRow, day: DateKey) => `${row.label}${row.detail ? `, ${row.detail}` : ""}, ${dayLabel(day)}`;
  const setDraft = (key: string, draft: Draft | null) =>
    setDrafts((all) => {
      const next = { ...all };
      if (draft === null) delete next[key];
      else next[key] = draft;
      return next;
    });

  const lockOf = (row: GridRow, day: DateKey) => readOnlyBecause ?? row.cells[day]?.lockedBecause ?? null;
  const canEdit = (row: GridRow | undefined, day: DateKey | undefined): row is GridRow =>
    row !== undefined && day !== undefined && lockOf(row, day) === null && drafts[cellKey(row, day)]?.status !== "saving";

  const startEditing = (row: GridRow, day: DateKey, text: string | null) => {
    const key = cellKey(row, day);
    const shown = drafts[key]?.text ?? formatDuration(row.cells[day]?.seconds ?? 0);
    editingKey.current = key;
    setEditing({ key, text: text ?? shown, select: text === null });
  };

  /** Sends what the cell's text asks for; false (and an error on the cell) when the text is no duration. */
  const commit = (row: GridRow, day: DateKey, text: string): boolean => {
    const key = cellKey(row, day);
    const parsed = parseDuration(text);
    if (!parsed.ok) {
      setDraft(key, { text, status: "invalid", message: parsed.error });
      setAnnouncement(`Not saved: ${parsed.error}`);
      return false;
    }
    const seconds = parsed.seconds;
    // The cell shows minutes: text that reads as what it shows changes nothing (a timer's 1:29:45 typed as 1:30).
    if (formatDuration(seconds) === formatDuration(row.cells[day]?.seconds ?? 0)) {
      setDraft(key, null);
      return true;
    }
    setDraft(key, { text: formatDuration(seconds), status: "saving", seconds });
    setAnnouncement(`Saving ${where(row, day)}…`);
    save(row, day, seconds).then(
      () => {
        setDraft(key, null);
        setLastSaved(key);
        setAnnouncement(`Saved ${where(row, day)}: ${seconds === 0 ? "cleared" : spokenDuration(seconds)}.`);
      },
      (error: unknown) => {
        const problem = toProblem(error);
        const message = Object.values(problem.fields).join(" ") || problem.detail || problem.title;
        setDraft(key, { text, status: "failed", message });
        setAnnouncement(`Not saved: ${where(row, day)}. ${message}`);
      },
    );
    return true;
  };

  const finishEditing = (row: GridRow, day: DateKey, text: string, refocus: boolean) => {
    if (editingKey.current !== cellKey(row, day)) return;
    if (!commit(row, day, text) && refocus) return; // Enter on bad text: stay, the error says what to type.
    editingKey.current = null;
    setEditing(null);
    if (refocus) focusCell(activeRow, activeColumn);
  };

  const cancelEditing = (row: GridRow, day: DateKey) => {
    const key = cellKey(row, day);
    editingKey.current = null;
    setEditing(null);
    // Escape gives the cell back its saved time, forgetting a refused or mistyped text too.
    if (drafts[key]?.status !== "saving") setDraft(key, null);
    focusCell(activeRow, activeColumn);
  };

  const onGridKey = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.target instanceof HTMLInputElement) return;
    const row = rows[activeRow - 1];
    const day = days[activeColumn - 1];
    const control = event.ctrlKey || event.metaKey;
    const moves: Record<string, () => void> = {
      ArrowUp: () => focusCell(activeRow - 1, activeColumn),
      ArrowDown: () => focusCell(activeRow + 1, activeColumn),
      ArrowLeft: () => focusCell(activeRow, activeColumn - 1),
      ArrowRight: () => focusCell(activeRow, activeColumn + 1),
      Home: () => (control ? focusCell(0, 0) : focusCell(activeRow, 0)),
      End: () => (control ? focusCell(lastRow, lastColumn) : focusCell(activeRow, lastColumn)),
      PageUp: () => focusCell(0, activeColumn),
      PageDown: () => focusCell(lastRow, activeColumn),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
      return;
    }
    const editKey = event.key === "Enter" || event.key === "F2";
    const typed = event.key.length === 1 && !control && !event.altKey && event.key !== " ";
    const clears = event.key === "Backspace" || event.key === "Delete";
    if (!editKey && !typed && !clears) return;
    if (row === undefined || day === undefined) return;
    event.preventDefault();
    if (!canEdit(row, day)) {
      const why = lockOf(row, day) ?? "Saving this cell; wait a moment.";
      setAnnouncement(why);
      return;
    }
    startEditing(row, day, editKey ? null : typed ? event.key : "");
  };

  const onInputKey = (row: GridRow, day: DateKey) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      finishEditing(row, day, event.currentTarget.value, true);
    } else if (event.key === "Escape") {
      event.preventDefault();
      cancelEditing(row, day);
    }
  };

  const sums = totals(rows, days, (row, day) => {
    const draft = drafts[cellKey(row, day)];
    return draft?.status === "saving" ? draft.seconds : undefined;
  });

  /** The props every cell of the grid has: its place in the roving tabindex. */
  const place = (r: number, c: number) => ({
    ref: (element: HTMLElement | null) => {
      if (element) cells.current.set(`${r}:${c}`, element);
      else cells.current.delete(`${r}:${c}`);
    },
    tabIndex: r === activeRow && c === activeColumn ? 0 : -1,
    onFocus: () => setActive([r, c]),
  });

  const hintKey = hovered ?? (focusInside ? `${activeRow}:${activeColumn}` : "");
  const [hintRow, hintColumn] = hintKey.split(":").map(Number);
  const hintCell = rows[(hintRow ?? 0) - 1];
  const hintDay = days[(hintColumn ?? 0) - 1];
  const hint = hintCell && hintDay ? lockOf(hintCell, hintDay) : null;

  const dayCell = (row: GridRow, r: number, day: DateKey, c: number): ReactNode => {
    const key = cellKey(row, day);
    const cell = row.cells[day];
    const seconds = cell?.seconds ?? 0;
    const draft = drafts[key];
    const locked = lockOf(row, day);
    const isEditing = editing?.key === key;
    const messageId = `${id}-${r}-${c}-message`;
    const lockId = `${id}-${r}-${c}-lock`;
    const state = draft?.status ?? (lastSaved === key ? "saved" : undefined);
    const described = [draft?.message ? messageId : null, locked ? lockId : null].filter(Boolean).join(" ") || undefined;
    return (
      <td
        key={day}
        role="gridcell"
        {...place(r, c)}
        className="ts-cell"
        data-state={state}
        data-locked={cell?.lockedBecause ? "true" : undefined}
        data-today={day === today || undefined}
        aria-readonly={locked !== null || undefined}
        aria-invalid={draft?.status === "invalid" || draft?.status === "failed" || undefined}
        aria-describedby={isEditing ? undefined : described}
        title={locked ?? undefined}
        onMouseEnter={() => setHovered(`${r}:${c}`)}
        onMouseLeave={() => setHovered(null)}
        onClick={() => {
          if (!isEditing && canEdit(row, day)) startEditing(row, day, null);
        }}
      >
        {isEditing ? (
          <input
            className="ts-cell__input"
            aria-label={where(row, day)}
            aria-invalid={draft?.status === "invalid" || undefined}
            aria-describedby={draft?.message ? messageId : undefined}
            defaultValue={editing.text}
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            ref={(input) => {
              if (!input || document.activeElement === input) return;
              input.focus();
              if (editing.select) input.select();
              else input.setSelectionRange(input.value.length, input.value.length);
            }}
            onKeyDown={onInputKey(row, day)}
            onBlur={(event) => finishEditing(row, day, event.currentTarget.value, false)}
          />
        ) : (
          <span className="ts-cell__value">
            {cell?.lockedBecause && <LockIcon />}
            {cell?.running && (
              <span className="ts-cell__icon" aria-hidden="true">
                ▶
              </span>
            )}
            <span className="ts-cell__text" aria-hidden="true">
              {draft?.text ?? formatDuration(seconds)}
            </span>
            <span className="visually-hidden">
              {draft ? draft.text || "cleared" : spoken(seconds)}
              {cell?.lockedBecause ? ", locked" : ""}
              {state === "saving" ? ", saving" : state === "saved" ? ", saved" : draft ? ", not saved" : ""}
            </span>
            <span className="ts-cell__state" aria-hidden="true">
              {state === "saving" ? "…" : state === "saved" ? "✓" : draft ? "!" : ""}
            </span>
          </span>
        )}
        {locked && (
          <span id={lockId} hidden>
            {locked}
          </span>
        )}
        {draft?.message && (
          <span id={messageId} className={["ts-cell__message", c > days.length / 2 && "ts-cell__message--end", r === rows.length && "ts-cell__message--above"].filter(Boolean).join(" ")}>
            {draft.message}
          </span>
        )}
      </td>
    );
  };

  const saving = Object.values(drafts).filter((draft) => draft.status === "saving").length;
  const failed = Object.values(drafts).filter((draft) => draft.status !== "saving").length;
  const summary = saving > 0 ? "Saving…" : failed > 0 ? `${failed} ${failed === 1 ? "cell is" : "cells are"} not saved` : lastSaved ? "All changes saved" : "";

  return (
    <div className="ts">
      <div className="ts-scroll">
        <table
          role="grid"
          aria-label="Week timesheet"
          aria-describedby={`${id}-keys`}
          className="ts-grid"
          onKeyDown={onGridKey}
          onFocus={() => setFocusInside(true)}
          onBlur={(event) => setFocusInside(event.currentTarget.contains(event.relatedTarget))}
        >
          <thead>
            <tr>
              <th scope="col" {...place(0, 0)} className="ts-grid__corner">
                Project
              </th>
              {days.map((day, i) => (
                <th key={day} scope="col" {...place(0, i + 1)} className="ts-day" aria-current={day === today ? "date" : undefined}>
                  <span className="ts-day__name">{shortDay.format(noon(day))}</span>
                  <span className="ts-day__date">{shortDate.format(noon(day))}</span>
                </th>
              ))}
              <th scope="col" {...place(0, lastColumn)} className="ts-total">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.key}>
                <th scope="row" {...place(i + 1, 0)} className="ts-row">
                  <span className="ts-row__label">{row.label}</span>
                  {row.detail && <span className="ts-row__detail">{row.detail}</span>}
                </th>
                {days.map((day, j) => dayCell(row, i + 1, day, j + 1))}
                <td role="gridcell" {...place(i + 1, lastColumn)} className="ts-total" aria-readonly="true">
                  <span className="ts-cell__text" aria-hidden="true">{formatDuration(sums.byRow.get(row.key) ?? 0, "0:00")}</span>
                  <span className="visually-hidden">{spoken(sums.byRow.get(row.key) ?? 0)}</span>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" {...place(lastRow, 0)} className="ts-row ts-row--total">
                Total
              </th>
              {days.map((day, j) => (
                <td key={day} role="gridcell" {...place(lastRow, j + 1)} className="ts-total" aria-readonly="true" data-today={day === today || undefined}>
                  <span className="ts-cell__text" aria-hidden="true">{formatDuration(sums.byDay.get(day) ?? 0, "0:00")}</span>
                  <span className="visually-hidden">{spoken(sums.byDay.get(day) ?? 0)}</span>
                </td>
              ))}
              <td role="gridcell" {...place(lastRow, lastColumn)} className="ts-total ts-total--week" aria-readonly="true">
                <span className="ts-cell__text" aria-hidden="true">{formatDuration(sums.week, "0:00")}</span>
                <span className="visually-hidden">{spoken(sums.week)}</span>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="ts-foot">
        <p className="ts-hint" data-locked={hint !== null || undefined}>
          {hint ?? keys}
        </p>
        <p className="ts-saved" data-state={saving > 0 ? "saving" : failed > 0 ? "failed" : "saved"} aria-hidden="true">
          {summary}
        </p>
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <p className="visually-hidden" id={`${id}-keys`}>
        {keys}
      </p>
    </div>
  );
}
