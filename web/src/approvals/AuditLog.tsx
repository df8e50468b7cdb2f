import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "../components/Button";
import { LoadFailed } from "../orgs/LoadFailed";
import { approvalKeys, approvals, hoursLabel, type AuditRecord } from "./api";

type Entry = NonNullable<AuditRecord["after"]>;

const Actions: Record<string, string> = {
  "time_entry.created": "created an entry",
  "time_entry.updated": "changed an entry",
  "time_entry.deleted": "deleted an entry",
  "time_entry.stopped": "stopped a timer",
  "timesheet.submitted": "submitted a timesheet",
  "timesheet.withdrawn": "withdrew a timesheet",
  "timesheet.approved": "approved a timesheet",
  "timesheet.rejected": "rejected a timesheet",
  "timesheet.reopened": "reopened a timesheet",
  "membership.created": "gave a membership",
  "invitation.created": "sent an invitation",
  "invitation.accepted": "accepted an invitation",
  "invitation.revoked": "revoked an invitation",
  "invitation.resent": "resent an invitation",
  "invitation.refused": "was refused an invitation",
  "membership.left": "left the organization",
  "membership.removed": "removed a member",
  "membership.role_changed": "changed a role",
};

const when = (instant: string) => new Date(instant).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** What an entry's row changed, field by field: "description: Calls → Planning". */
function changes(before: Entry | null | undefined, after: Entry | null | undefined): string {
  const show = (entry: Entry) =>
    `${when(entry.startedAt)}${entry.durationSeconds == null ? " (running)" : `, ${hoursLabel(entry.durationSeconds)}`}${entry.description ? `, “${entry.description}”` : ""}`;
  if (!before && after) return show(after);
  if (before && !after) return show(before);
  if (!before || !after) return "";
  const fields: [string, unknown, unknown][] = [
    ["start", when(before.startedAt), when(after.startedAt)],
    ["end", before.endedAt ? when(before.endedAt) : "running", after.endedAt ? when(after.endedAt) : "running"],
    ["project", before.projectId ?? "none", after.projectId ?? "none"],
    ["task", before.taskId ?? "none", after.taskId ?? "none"],
    ["description", before.description ?? "none", after.description ?? "none"],
    ["billable", before.billable ? "yes" : "no", after.billable ? "yes" : "no"],
    ["tags", before.tags.join(", ") || "none", after.tags.join(", ") || "none"],
  ];
  return fields
    .filter(([, was, is]) => was !== is)
    .map(([name, was, is]) => `${name}: ${String(was)} → ${String(is)}`)
    .join("; ");
}

function describe(row: AuditRecord): string {
  if (row.entityType === "time_entry") return changes(row.before, row.after);
  if (row.entityType === "timesheet_period" && row.startsOn && row.endsOn)
    return `${row.startsOn} to ${row.endsOn}: ${row.previousStatus ?? "?"} → ${row.status ?? "?"}${row.comment ? ` (“${row.comment}”)` : ""}`;
  return [row.email, row.previousRole && row.role ? `${row.previousRole} → ${row.role}` : row.role].filter(Boolean).join(", ");
}

/** The organization's audit log for its admins: who changed what, when, newest first, a page at a time. */
export function AuditLog({ orgId }: { orgId: number }) {
  const log = useInfiniteQuery({
    queryKey: approvalKeys.audit(orgId),
    queryFn: ({ pageParam }) => approvals.audit(orgId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
  });
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {log.isError ? (
        <LoadFailed error={log.error} retry={() => void log.refetch()} />
      ) : log.data === undefined ? (
        <p className="loading" role="status">
          Loading the audit log…
        </p>
      ) : (
        <AuditRows rows={log.data.pages.flatMap((page) => page.items)} />
      )}
      {log.hasNextPage && (
        <div>
          <Button variant="secondary" busy={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
            Show older changes
          </Button>
        </div>
      )}
    </section>
  );
}

function AuditRows({ rows }: { rows: AuditRecord[] }) {
  if (rows.length === 0) return <p className="muted">No change recorded yet. Every change of time, timesheets and members shows here.</p>;
  return (
    <ul className="audit-list">
      {rows.map((row) => (
        <li key={row.id} className="audit-row">
          <span>
            <span className="audit-row__what">
              {row.actorName ?? "A deleted account"} {Actions[row.action] ?? row.action}
              {row.entityType === "time_entry" && row.entityId ? ` #${row.entityId}` : ""}
            </span>{" "}
            <span className="muted">· {when(row.createdAt)}</span>
          </span>
          <span className="audit-row__change">{describe(row)}</span>
        </li>
      ))}
    </ul>
  );
}
