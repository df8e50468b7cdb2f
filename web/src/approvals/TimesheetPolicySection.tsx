import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { LoadFailed } from "../orgs/LoadFailed";
import { approvalKeys, approvals, type TimesheetPolicy } from "./api";
import "./approvals.css";

/** The organization settings' timesheet section (admins and owners): the period members submit, and the lock date. */
export function TimesheetPolicySection({ orgId }: { orgId: number }) {
  const policy = useQuery({ queryKey: approvalKeys.policy(orgId), queryFn: () => approvals.policy(orgId) });
  return (
    <section className="card" aria-labelledby="timesheet-policy-title">
      <h2 id="timesheet-policy-title">Timesheets and locking</h2>
      <p className="muted">
        Members submit their time for each period; an admin approves it, which locks it. Time on or before the lock date cannot be created,
        changed or deleted by anyone.
      </p>
      {policy.isError ? (
        <LoadFailed error={policy.error} retry={() => void policy.refetch()} />
      ) : policy.data === undefined ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : (
        <PolicyForm orgId={orgId} policy={policy.data} />
      )}
    </section>
  );
}

function PolicyForm({ orgId, policy }: { orgId: number; policy: TimesheetPolicy }) {
  const client = useQueryClient();
  const [period, setPeriod] = useState(policy.period);
  const [lockDate, setLockDate] = useState(policy.lockDate ?? "");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setPeriod(policy.period);
    setLockDate(policy.lockDate ?? "");
  }, [policy]);
  const save = useMutation({
    mutationFn: () => approvals.savePolicy(orgId, period, lockDate === "" ? null : lockDate),
    onMutate: () => {
      setProblem(null);
      setSaved(false);
    },
    onSuccess: (updated) => {
      client.setQueryData(approvalKeys.policy(orgId), updated);
      void client.invalidateQueries({ queryKey: ["orgs", orgId, "time-entries"] });
      setSaved(true);
    },
    onError: (error) => setProblem(toProblem(error)),
  });
  const { lockDate: lockError, period: periodError, ...others } = problem?.fields ?? {};
  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <div className="policy-form">
        <fieldset aria-describedby={periodError ? "policy-period-error" : undefined}>
          <legend>Timesheet period</legend>
          {(["week", "month"] as const).map((choice) => (
            <label key={choice} className="policy-choice">
              <input type="radio" name="period" value={choice} checked={period === choice} onChange={() => setPeriod(choice)} />{" "}
              {choice === "week" ? "Week (Monday to Sunday)" : "Calendar month"}
            </label>
          ))}
          {periodError && (
            <p id="policy-period-error" className="field__error">
              {periodError}
            </p>
          )}
        </fieldset>
        <TextField
          label="Lock date"
          type="date"
          value={lockDate}
          onChange={(event) => setLockDate(event.target.value)}
          hint="The last locked day, in the past. Leave empty for none."
          error={lockError}
        />
      </div>
      {problem && <ProblemAlert problem={{ ...problem, fields: others }} />}
      {saved && <FormAlert tone="success" title="Saved">The timesheet settings apply to every member now.</FormAlert>}
      <div>
        <Button type="submit" busy={save.isPending}>
          Save timesheet settings
        </Button>
      </div>
    </form>
  );
}
