import { ProblemError, readProblem } from "./problem";

/** What openapi-fetch resolves to. */
interface FetchOutcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The call's data, or a {@link ProblemError} carrying the server's problem (or a network failure's). */
export async function call<T>(request: Promise<FetchOutcome<T>>): Promise<T> {
  let outcome: FetchOutcome<T>;
  try {
    outcome = await request;
  } catch {
    throw new ProblemError(readProblem(undefined));
  }
  if (!outcome.response.ok) throw new ProblemError(readProblem(outcome.error, outcome.response.status));
  return outcome.data as T;
}
