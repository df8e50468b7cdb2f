import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { FormProblem } from "../api/problem";

/**
 * Puts each of the problem's field errors next to its field; returns the problem when something is left for the
 * form-level alert (no field named, or a field the form does not show), else null.
 */
export function applyProblem<T extends FieldValues>(problem: FormProblem, setError: UseFormSetError<T>, fields: readonly Path<T>[]): FormProblem | null {
  const rest: Record<string, string> = {};
  let placed = 0;
  for (const [field, message] of Object.entries(problem.fields)) {
    const known = fields.find((name) => name === field);
    if (known) {
      setError(known, { type: "server", message }, { shouldFocus: placed === 0 });
      placed++;
    } else rest[field] = message;
  }
  if (placed > 0 && Object.keys(rest).length === 0) return null;
  return { ...problem, fields: rest };
}

/** Where to go after signing in: a path of this app only, never another origin (`//evil.example`). */
export function safeNext(next: string | null): string {
  return next !== null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
