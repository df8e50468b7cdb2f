import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { approvalKeys, approvals, hoursLabel, periodLabel, statusLabel, type Move } from "./api";
import "./approvals.css";

/**
 * The signed-in member's timesheet period that holds `date` (the week shown, or its month), on the timesheet page: its status,
 * a rejection's comment, and the move the member can make (submit, submit again, withdraw). A move refreshes the entries, whose
 * locks follow the period.
 */
export function PeriodStatus({ orgId, userId, date }: { orgId: number; userId: number; date: string }) {
  const client = useQueryClient();
  const period = useQuery({ queryKey: approvalKeys.timesheet(orgId, userId, date), queryFn: () => approvals.timesheet(orgId, userId, date) });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const move = useMutation({
    mutationFn: (what: Move) => approvals.move(orgId, userId, date, what),
    onMutate: () => setProblem(null),
    onError: (error) => setProblem(toProblem(error)),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: approvalKeys.timesheets(orgId) });
      void client.invalidateQueries({ queryKey: ["orgs", orgId, "time-entries"] });
    },
  });
  if (period.data === undefined) return null;
  const sheet = period.data;
  const range = periodLabel(sheet.startsOn, sheet.endsOn);
  return (
    <section className={`period period--${sheet.status}`} aria-labelledby="period-title">
      <div className="period__text">
        <h2 id="period-title" className="period__title">
          {sheet.period === "month" ? "Month" : "Week"} of {range}: {statusLabel(sheet.status)}
        </h2>
        <p className="muted period__detail" role="status">
          {sheet.status === "submitted" && "Its time is locked until an admin decides. Withdraw it to change something."}
          {sheet.status === "approved" && "Its time is locked. An admin can reopen it if something must change."}
          {sheet.status === "open" && `${hoursLabel(sheet.trackedSeconds)} in ${sheet.entryCount} ${sheet.entryCount === 1 ? "entry" : "entries"}. Submit it for approval when it is complete.`}
          {sheet.status === "rejected" && "Fix what the comment asks, then submit it again."}
        </p>
        {sheet.status === "rejected" && sheet.comment && (
          <blockquote className="period__comment" aria-label="The reviewer's comment">
            {sheet.comment}
          </blockquote>
        )}
      </div>
      <div className="period__actions">
        {(sheet.status === "open" || sheet.status === "rejected") && (
          <Button busy={move.isPending} onClick={() => move.mutate("submit")}>
            {sheet.status === "rejected" ? "Submit again" : `Submit ${sheet.period}`}
          </Button>
        )}
        {sheet.status === "submitted" && (
          <Button variant="secondary" busy={move.isPending} onClick={() => move.mutate("withdraw")}>
            Withdraw
          </Button>
        )}
      </div>
      {problem && (
        <div className="period__problem">
          <ProblemAlert problem={problem} />
        </div>
      )}
    </section>
  );
}
