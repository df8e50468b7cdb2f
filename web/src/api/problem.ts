import type { components } from "./schema";

/** An RFC 9457 problem as the server documents it. */
export type ProblemDetails = components["schemas"]["ProblemDetails"];

/** What a failed call means for a form: a message for the whole form, and messages per field (from the problem's `errors`). */
export interface FormProblem {
  title: string;
  detail: string | null;
  status: number | null;
  fields: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads an error body into a {@link FormProblem}. The body is checked, not trusted: a proxy's HTML error page or a
 * network failure gives a general message instead of a crash. Validation problems carry `errors`, a map from the
 * request's field name (as the server names it: `email`, `newPassword`…) to its messages.
 */
export function readProblem(body: unknown, status?: number): FormProblem {
  const problem: Partial<ProblemDetails> = isRecord(body) ? (body as Partial<ProblemDetails>) : {};
  const fields: Record<string, string> = {};
  const errors = isRecord(body) ? body["errors"] : undefined;
  if (isRecord(errors)) {
    for (const [field, messages] of Object.entries(errors)) {
      const list = Array.isArray(messages) ? messages.filter((m): m is string => typeof m === "string") : [];
      if (list.length > 0) fields[field] = list.join(" ");
    }
  }
  const code = typeof problem.status === "number" ? problem.status : (status ?? null);
  return {
    title: problem.title ?? (code === null ? "The server could not be reached." : "Something went wrong."),
    detail: problem.detail ?? (code === null ? "Check your connection and try again." : null),
    status: code,
    fields,
  };
}

/** Thrown by mutations so that forms can show a problem next to its fields. */
export class ProblemError extends Error {
  constructor(readonly problem: FormProblem) {
    super(problem.detail ?? problem.title);
    this.name = "ProblemError";
  }
}

/** A call's error as a {@link FormProblem}, whatever was thrown. */
export function toProblem(error: unknown): FormProblem {
  return error instanceof ProblemError ? error.problem : readProblem(undefined);
}
