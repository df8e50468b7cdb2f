import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { FormProblem } from "../api/problem";
import { applyProblem } from "../components/forms";

/**
 * Like applyProblem, and also puts a problem without field errors next to the field its title names: the server answers
 * a wrong password or code with a 403 (or 400) titled "Wrong password" or "Wrong code", not with `errors`.
 */
export function placeProblem<T extends FieldValues>(
  problem: FormProblem,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  byTitle: Partial<Record<string, Path<T>>>,
): FormProblem | null {
  const field = byTitle[problem.title];
  if (field !== undefined && Object.keys(problem.fields).length === 0) {
    setError(field, { type: "server", message: problem.detail ?? problem.title }, { shouldFocus: true });
    return null;
  }
  return applyProblem(problem, setError, fields);
}
