import { useEffect, useRef, type ReactNode } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { applyProblem } from "../components/forms";
import { TextField } from "../components/TextField";

/**
 * Puts a failed save's problem next to its fields (as {@link applyProblem}); a 409 that names no field (a name another
 * tag has) belongs to `conflictField`. Returns what is left for the form's alert.
 */
export function placeProblem<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  conflictField?: Path<T>,
): FormProblem | null {
  const problem = toProblem(error);
  if (conflictField !== undefined && problem.status === 409 && Object.keys(problem.fields).length === 0)
    return applyProblem({ ...problem, fields: { [conflictField]: problem.detail ?? problem.title } }, setError, fields);
  return applyProblem(problem, setError, fields);
}

/** The message a name field shows when left empty. */
export const required = (what: string) => (value: string) => value.trim() !== "" || `Enter the ${what}'s name.`;

/** What a list shows while it has nothing: what it is for, and what to do next. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty catalogue__empty">
      <p className="empty__title">{title}</p>
      <p className="muted">{children}</p>
    </div>
  );
}

/** The list's tools: a filter over the rows loaded so far and, where the list has them, the archived rows' toggle. */
export function ListTools({
  what,
  filter,
  onFilter,
  archived,
  onArchived,
  findable = true,
}: {
  what: string;
  filter: string;
  onFilter: (value: string) => void;
  archived?: boolean;
  onArchived?: (value: boolean) => void;
  /** False while the list is empty: there is nothing to find, only archived rows to show. */
  findable?: boolean;
}) {
  return (
    <div className="catalogue__tools">
      {findable && (
        <TextField
          label={`Find ${what}`}
          type="search"
          autoComplete="off"
          value={filter}
          onChange={(event) => onFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") onFilter("");
          }}
        />
      )}
      {onArchived && (
        <label className="catalogue__toggle">
          <input type="checkbox" checked={archived} onChange={(event) => onArchived(event.target.checked)} />
          Show archived
        </label>
      )}
    </div>
  );
}

/** Whether `name` matches what the person typed in the filter (case-insensitively, anywhere in it). */
export const matches = (name: string, filter: string) => name.toLocaleLowerCase().includes(filter.trim().toLocaleLowerCase());

/** The end of a list: "Show more" while the server has another page, and what the filter hid. */
export function ListEnd({
  hasMore,
  loading,
  onMore,
  hidden,
  what,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  hidden: number;
  what: string;
}) {
  if (!hasMore && hidden === 0) return null;
  return (
    <div className="catalogue__end">
      {hidden > 0 && (
        <p className="muted" role="status">
          {hidden} {what} hidden by the filter.
        </p>
      )}
      {hasMore && (
        <Button variant="secondary" busy={loading} onClick={onMore}>
          {loading ? "Loading…" : `Show more ${what}`}
        </Button>
      )}
    </div>
  );
}

/**
 * Gives focus back to `target` when `when` turns false (an inline form closed), so the keyboard stays where it was. Only
 * when the form took the focus with it: a save that lands after the person moved on (another row's confirmation, say)
 * leaves their focus where they put it.
 */
export function useFocusReturn<T extends HTMLElement>(when: boolean) {
  const target = useRef<T>(null);
  const was = useRef(when);
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (was.current && !when && lost) target.current?.focus();
    was.current = when;
  }, [when]);
  return target;
}

/** The money an hourly rate is, as people read it: "85.00 / h". */
export const formatRate = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? "No rate" : `${rate.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} / h`;

/** A typed rate as the API takes it: null for none, else the number. */
export const readRate = (text: string) => (text.trim() === "" ? null : Number(text.trim().replace(",", ".")));

/** The check of a typed rate before it is sent. */
export const validRate = (text: string) => {
  const rate = readRate(text);
  return rate === null || (Number.isFinite(rate) && rate >= 0) || "Enter an amount such as 85 or 92.50, or leave it empty.";
};
