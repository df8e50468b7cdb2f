import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { Loading } from "../app/Root";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { applyProblem } from "../components/forms";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { LoadFailed } from "../orgs/LoadFailed";
import { useOrganization } from "../orgs/useOrganization";
import { saveTimerPolicy, timerPolicyKey, timerPolicyQuery, type TimerPolicyValues } from "./api";

interface PolicyFields {
  reminderAfterHours: string;
  stopAfterHours: string;
}

const fieldsOf = (policy: TimerPolicyValues): PolicyFields => ({
  reminderAfterHours: String(policy.reminderAfterHours),
  stopAfterHours: String(policy.stopAfterHours),
});

// The server checks the bounds and the order too, and says so per field; this only catches what is not a number.
const wholeHours = (value: string) => (/^\s*\d{1,3}\s*$/.test(value) ? true : "Enter a whole number of hours.");

const hours = (count: number) => `${count} ${count === 1 ? "hour" : "hours"}`;

/**
 * The settings section for forgotten timers: after how many hours a member is emailed about a running timer, and
 * after how many it is stopped (ending there, flagged in the member's list).
 */
export function TimerPolicy() {
  const organization = useOrganization();
  const policy = useQuery(timerPolicyQuery(organization.id));
  if (policy.isError) return <LoadFailed error={policy.error} retry={() => void policy.refetch()} />;
  if (policy.data === undefined) return <Loading />;
  return <TimerPolicyForm orgId={organization.id} policy={policy.data} />;
}

function TimerPolicyForm({ orgId, policy }: { orgId: number; policy: TimerPolicyValues }) {
  const titleId = useId();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState("");
  const { register, handleSubmit, setError, reset, formState } = useForm<PolicyFields>({ defaultValues: fieldsOf(policy) });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setSaved("");
    try {
      const updated = await saveTimerPolicy(orgId, {
        reminderAfterHours: Number(values.reminderAfterHours),
        stopAfterHours: Number(values.stopAfterHours),
      });
      queryClient.setQueryData(timerPolicyKey(orgId), updated);
      reset(fieldsOf(updated));
      setSaved(`Saved: reminders after ${hours(updated.reminderAfterHours)}, timers stopped at ${hours(updated.stopAfterHours)}.`);
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["reminderAfterHours", "stopAfterHours"]));
    }
  });

  const { errors, isSubmitting } = formState;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Forgotten timers</h2>
      <p className="muted">
        When a timer is left running, its member is emailed once, then the timer is stopped. It ends at its start plus the limit, not when it
        is noticed, and is flagged “Auto-stopped” in the member’s time for them to check.
        {policy.updatedAt === null && " These are the defaults."}
      </p>
      <form className="stack" onSubmit={onSubmit} onChange={() => setSaved("")} noValidate aria-labelledby={titleId}>
        <ProblemAlert problem={problem} />
        <div className="settings-card__fields">
          <TextField
            label="Email the member after (hours)"
            inputMode="numeric"
            required
            hint="From 1 hour, before the timer is stopped."
            error={errors.reminderAfterHours?.message}
            {...register("reminderAfterHours", { validate: wholeHours })}
          />
          <TextField
            label="Stop the timer after (hours)"
            inputMode="numeric"
            required
            hint="From 2 to 168 hours (a week)."
            error={errors.stopAfterHours?.message}
            {...register("stopAfterHours", { validate: wholeHours })}
          />
        </div>
        <div className="settings-card__actions">
          <Button type="submit" busy={isSubmitting}>
            {isSubmitting ? "Saving…" : "Save timer policy"}
          </Button>
          <p className="settings-card__status" role="status">
            {saved}
          </p>
        </div>
      </form>
    </section>
  );
}
