import { toProblem } from "../api/problem";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";

/** A page's data could not be loaded (the server is unreachable or failed): what happened, and a way to try again. */
export function LoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
  const problem = toProblem(error);
  return (
    <div className="stack">
      <FormAlert title={problem.title}>{problem.detail && <p>{problem.detail}</p>}</FormAlert>
      <div>
        <Button variant="secondary" onClick={retry}>
          Try again
        </Button>
      </div>
    </div>
  );
}
