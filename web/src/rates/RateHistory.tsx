import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { formatRate, rateKeys, rates, today, useRateHistory, type Rate, type RateScope } from "./api";
import "./rates.css";

const stateLabel: Record<Rate["state"], string> = { current: "Current", past: "Past", scheduled: "Scheduled" };

/** When a change applies from, as people read it. */
export const fromText = (rate: Rate) => (rate.effectiveFrom === null ? "from the beginning" : `from ${rate.effectiveFrom}`);

/**
 * The rate history of one level (the organization's default, a member, a project, a member on a project): the rate in
 * effect today, a form for a new rate from a day (today unless changed), and every change, newest first. Setting a
 * rate never moves entries already recorded: re-pricing does, on purpose.
 */
export function RateHistory({ orgId, scope, title, onChanged }: { orgId: number; scope: RateScope; title: string; onChanged?: () => void }) {
  const history = useRateHistory(orgId, scope);
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState("");
  const [from, setFrom] = useState(today());
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [done, setDone] = useState("");
  const titleId = useId();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: rateKeys.all(orgId) });
    // The catalogue shows each project's rate of today.
    await queryClient.invalidateQueries({ queryKey: ["orgs", orgId, "projects"] });
    onChanged?.();
  };
  const set = useMutation({
    mutationFn: () =>
      rates.set(orgId, { ...scope, hourlyRate: amount.trim() === "" ? null : Number(amount.trim().replace(",", ".")), effectiveFrom: from || null }),
    onSuccess: async (rate) => {
      setProblem(null);
      setAmount("");
      setDone(`${formatRate(rate.hourlyRate)} ${fromText(rate)}. Entries already recorded keep their rate until they are re-priced.`);
      await refresh();
    },
    onError: (error) => setProblem(toProblem(error)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => rates.remove(orgId, id),
    onSuccess: async () => {
      setDone("Rate change deleted.");
      await refresh();
    },
    onError: (error) => setProblem(toProblem(error)),
  });
  const current = history.data?.find((rate) => rate.state === "current");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone("");
    set.mutate();
  };

  return (
    <section className="rate-history" aria-labelledby={titleId}>
      <h3 id={titleId} className="rate-history__title">
        {title}
      </h3>
      <p className="rate-history__current">
        {history.isPending ? (
          "Loading rates…"
        ) : current ? (
          <>
            Now <strong>{formatRate(current.hourlyRate)}</strong>, {fromText(current)}
          </>
        ) : (
          "No rate set at this level: the next level applies."
        )}
      </p>
      <form className="rate-history__form" onSubmit={submit} noValidate aria-label={`New rate: ${title}`}>
        <ProblemAlert problem={problem && { ...problem, fields: {} }} />
        <TextField
          label="New hourly rate"
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          hint="Empty: no rate at this level from that day."
          error={problem?.fields.hourlyRate}
        />
        <TextField label="From" type="date" value={from} onChange={(event) => setFrom(event.target.value)} error={problem?.fields.effectiveFrom} />
        <Button type="submit" busy={set.isPending} className="rate-history__submit">
          {set.isPending ? "Saving…" : "Set rate"}
        </Button>
      </form>
      <p className="rate-history__done" aria-live="polite">
        {done}
      </p>
      {history.data && history.data.length > 0 && (
        <ul className="rate-history__list" aria-label={`Rate history: ${title}`}>
          {history.data.map((rate) => (
            <li key={rate.id} className="rate-history__row" data-state={rate.state}>
              <span className="rate-history__rate">{formatRate(rate.hourlyRate)}</span>
              <span className="rate-history__from">{fromText(rate)}</span>
              <span className="rate-history__state">{stateLabel[rate.state]}</span>
              {rate.state === "scheduled" && (
                <Button variant="quiet" busy={remove.isPending} onClick={() => remove.mutate(rate.id)} aria-label={`Delete the rate ${fromText(rate)}`}>
                  Delete
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
