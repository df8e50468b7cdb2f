import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { SelectField } from "../orgs/SelectField";
import { money, rateKeys, rates, today, type Repricing } from "./api";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The first day of the current month. */
const monthStart = () => `${today().slice(0, 8)}01`;

/**
 * Re-pricing (admins and owners): entries keep the rate they were recorded at; this gives the entries of a range
 * (optionally one project's or member's) the rates in effect on their days now. A preview says how many entries and
 * which amount change before anything does; entries on invoices never change.
 */
export function RepricePanel({
  orgId,
  projects,
  people,
}: {
  orgId: number;
  projects: readonly { id: number; name: string }[];
  people: readonly { userId: number; name: string }[];
}) {
  const queryClient = useQueryClient();
  const [from, setFrom] = useState(monthStart());
  const [to, setTo] = useState(today());
  const [projectId, setProjectId] = useState("");
  const [userId, setUserId] = useState("");
  const [preview, setPreview] = useState<Repricing | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [done, setDone] = useState("");
  const body = (dryRun: boolean) => ({
    from,
    to,
    dryRun,
    ...(projectId === "" ? {} : { projectId: Number(projectId) }),
    ...(userId === "" ? {} : { userId: Number(userId) }),
  });
  const run = useMutation({
    mutationFn: (dryRun: boolean) => rates.reprice(orgId, body(dryRun)),
    onSuccess: async (result) => {
      setProblem(null);
      if (!result.applied) {
        setPreview(result);
        return;
      }
      setPreview(null);
      setDone(`Re-priced ${plural(result.changed, "entry", "entries")}: ${money(result.amountBefore)} became ${money(result.amountAfter)}.`);
      await queryClient.invalidateQueries({ queryKey: rateKeys.all(orgId) });
      await queryClient.invalidateQueries({ queryKey: ["orgs", orgId, "reports"] });
    },
    onError: (error) => setProblem(toProblem(error)),
  });
  const change = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPreview(null);
    setDone("");
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone("");
    run.mutate(true);
  };

  return (
    <section className="reprice" aria-labelledby="reprice-title">
      <h3 id="reprice-title" className="rate-history__title">
        Re-price entries
      </h3>
      <p className="muted">
        Entries keep the rate they were recorded at, so changing a rate never moves past amounts. Re-pricing gives the entries of a range the rates in
        effect on their days now. Entries on an invoice never change.
      </p>
      <form className="reprice__form" onSubmit={submit} noValidate aria-label="Re-price entries">
        <ProblemAlert problem={problem && { ...problem, fields: {} }} />
        <TextField label="From" type="date" value={from} onChange={(event) => change(setFrom)(event.target.value)} error={problem?.fields.from} />
        <TextField label="To" type="date" value={to} onChange={(event) => change(setTo)(event.target.value)} error={problem?.fields.to} />
        <SelectField label="Project (optional)" value={projectId} onChange={(event) => change(setProjectId)(event.target.value)}>
          <option value="">Every project</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Member (optional)" value={userId} onChange={(event) => change(setUserId)(event.target.value)}>
          <option value="">Every member</option>
          {people.map((person) => (
            <option key={person.userId} value={person.userId}>
              {person.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" busy={run.isPending && run.variables} className="reprice__submit">
          Preview
        </Button>
      </form>
      {preview && (
        <div className="reprice__confirm" aria-live="polite">
          {preview.changed === 0 ? (
            <p>
              Nothing to change: the {plural(preview.entries, "entry", "entries")} from {preview.from} to {preview.to} already have the rates in effect.
              {preview.invoiced > 0 && ` ${plural(preview.invoiced, "entry on an invoice stays as it is", "entries on invoices stay as they are")}.`}
            </p>
          ) : (
            <>
              <p>
                <strong>{plural(preview.changed, "entry changes", "entries change")}</strong> of {preview.entries} from {preview.from} to {preview.to}:
                their billable amount goes from <strong>{money(preview.amountBefore)}</strong> to <strong>{money(preview.amountAfter)}</strong>.
                {preview.invoiced > 0 && ` ${plural(preview.invoiced, "entry on an invoice stays as it is", "entries on invoices stay as they are")}.`}
              </p>
              <div className="reprice__actions">
                <Button busy={run.isPending && !run.variables} onClick={() => run.mutate(false)}>
                  Re-price {plural(preview.changed, "entry", "entries")}
                </Button>
                <Button variant="quiet" onClick={() => setPreview(null)}>
                  Cancel
                </Button>
              </div>
            </>
          )}
        </div>
      )}
      <p className="rate-history__done" aria-live="polite">
        {done}
      </p>
    </section>
  );
}
