import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { toProblem, type FormProblem } from "../api/problem";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { LoadFailed } from "../orgs/LoadFailed";
import { RequireRole } from "../orgs/RequireRole";
import { useOrganization } from "../orgs/useOrganization";
import { approvalKeys, approvals, hoursLabel, periodLabel, type Move, type Timesheet, type TimesheetStatus } from "./api";
import { AuditLog } from "./AuditLog";
import "./approvals.css";

/** `/orgs/:orgId/approvals` (admins and owners): the timesheets members submitted, to approve or reject, the approved ones to
 * reopen, and the audit log of every change. */
export function ApprovalsPage() {
  return (
    <RequireRole role="admin" title="Approvals">
      <ApprovalsScreen />
    </RequireRole>
  );
}

const Filters: { status: TimesheetStatus; label: string }[] = [
  { status: "submitted", label: "Awaiting approval" },
  { status: "approved", label: "Approved" },
  { status: "rejected", label: "Rejected" },
];

function ApprovalsScreen() {
  usePageTitle("Approvals");
  const organization = useOrganization();
  const [status, setStatus] = useState<TimesheetStatus>("submitted");
  const [announcement, setAnnouncement] = useState("");
  return (
    <section className="page approvals" aria-labelledby="approvals-title">
      <h1 id="approvals-title">Approvals</h1>
      <section className="card" aria-labelledby="sheets-title">
        <h2 id="sheets-title">Timesheets</h2>
        <div className="approvals__filters" role="group" aria-label="Show timesheets">
          {Filters.map((filter) => (
            <Button
              key={filter.status}
              variant={filter.status === status ? "primary" : "secondary"}
              aria-pressed={filter.status === status}
              onClick={() => setStatus(filter.status)}
            >
              {filter.label}
            </Button>
          ))}
        </div>
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
        <Sheets orgId={organization.id} status={status} announce={setAnnouncement} />
      </section>
      <AuditLog orgId={organization.id} />
    </section>
  );
}

function Sheets({ orgId, status, announce }: { orgId: number; status: TimesheetStatus; announce: (text: string) => void }) {
  const list = useInfiniteQuery({
    queryKey: approvalKeys.list(orgId, status),
    queryFn: ({ pageParam }) => approvals.list(orgId, status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
  });
  if (list.isError) return <LoadFailed error={list.error} retry={() => void list.refetch()} />;
  if (list.data === undefined) return <p className="loading" role="status">Loading timesheets…</p>;
  const sheets = list.data.pages.flatMap((page) => page.items);
  if (sheets.length === 0)
    return (
      <div className="empty">
        <p className="empty__title">{status === "submitted" ? "Nothing awaits approval" : `No ${status} timesheets`}</p>
        <p className="muted">Members submit their timesheets from the Timesheet page; submitted ones show here.</p>
      </div>
    );
  return (
    <>
      <ul className="sheet-list">
        {sheets.map((sheet) => (
          <SheetRow key={`${sheet.userId}-${sheet.startsOn}`} orgId={orgId} sheet={sheet} announce={announce} />
        ))}
      </ul>
      {list.hasNextPage && (
        <div>
          <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            Show more timesheets
          </Button>
        </div>
      )}
    </>
  );
}

function SheetRow({ orgId, sheet, announce }: { orgId: number; sheet: Timesheet; announce: (text: string) => void }) {
  const client = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const commentId = useId();
  const range = periodLabel(sheet.startsOn, sheet.endsOn);
  const who = sheet.userName || sheet.userEmail;
  const move = useMutation({
    mutationFn: (what: Move) => approvals.move(orgId, sheet.userId, sheet.startsOn, what, comment.trim()),
    onMutate: () => setProblem(null),
    onSuccess: (moved) => {
      setRejecting(false);
      announce(`${who}'s timesheet for ${range} is ${moved.status === "open" ? "reopened" : moved.status}.`);
      void client.invalidateQueries({ queryKey: approvalKeys.timesheets(orgId) });
      void client.invalidateQueries({ queryKey: approvalKeys.audit(orgId) });
    },
    onError: (error) => setProblem(toProblem(error)),
  });
  return (
    <li className="sheet-row">
      <div className="sheet-row__who">
        <span className="sheet-row__name">{who}</span>
        <span className="muted">
          {sheet.period === "month" ? "Month" : "Week"} of {range} · {hoursLabel(sheet.trackedSeconds)} in {sheet.entryCount}{" "}
          {sheet.entryCount === 1 ? "entry" : "entries"}
        </span>
        {sheet.status === "rejected" && sheet.comment && <span className="muted">Comment: {sheet.comment}</span>}
      </div>
      <div className="sheet-row__actions">
        {sheet.status === "submitted" && (
          <>
            <Button busy={move.isPending && !rejecting} aria-label={`Approve ${who}'s timesheet for ${range}`} onClick={() => move.mutate("approve")}>
              Approve
            </Button>
            <Button variant="secondary" aria-expanded={rejecting} aria-label={`Reject ${who}'s timesheet for ${range}`} onClick={() => setRejecting(!rejecting)}>
              Reject…
            </Button>
          </>
        )}
        {sheet.status === "approved" && (
          <Button variant="secondary" busy={move.isPending} aria-label={`Reopen ${who}'s timesheet for ${range}`} onClick={() => move.mutate("reopen")}>
            Reopen
          </Button>
        )}
      </div>
      {rejecting && (
        <form
          className="reject-form"
          onSubmit={(event) => {
            event.preventDefault();
            move.mutate("reject");
          }}
        >
          <label className="field__label" htmlFor={commentId}>
            What should {who} fix? (emailed to them)
          </label>
          <textarea
            id={commentId}
            value={comment}
            required
            maxLength={2000}
            aria-invalid={problem?.fields.comment ? true : undefined}
            onChange={(event) => setComment(event.target.value)}
          />
          <div className="sheet-row__actions">
            <Button type="submit" busy={move.isPending}>
              Reject and email
            </Button>
            <Button type="button" variant="quiet" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {problem && (
        <div className="period__problem">
          <ProblemAlert problem={problem} />
        </div>
      )}
    </li>
  );
}

export { ApprovalsPage as Component };
