import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { ProblemError, toProblem } from "../api/problem";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import type { Organization } from "../orgs/organizations";
import { ReadOnlyNotice, readOnlyReason } from "../orgs/ReadOnlyNotice";
import { hasRole, useOrganization } from "../orgs/useOrganization";
import { tracking, timerKeys, type Project, type TimeEntry } from "../timer/api";
import { useEntriesChanged, useProjects } from "../timer/queries";
import { addDays, dayOf, weekLabel, type DateKey } from "../timer/time";
import { AddRow } from "./AddRow";
import { buildRows, daysOf, defaultWeekStart, emptyCell, planCell, rowKey, startOfWeek, weekOf, type Row, type RowId, type Step } from "./sheet";
import { TimesheetGrid, type GridRow } from "./TimesheetGrid";
import "../timer/timer.css";
import "./timesheet.css";
import { ForMe } from "../timer/ForMe";
import { WeekNav } from "../timer/WeekNav";
import { PeriodStatus } from "../approvals/PeriodStatus";

/** The week timesheet: the signed-in person's time of the organization, by project and task and day, typed in place. */
export function TimesheetPage() {
  usePageTitle("Timesheet");
  const organization = useOrganization();
  return <ForMe>{(me) => <Week organization={organization} userId={me.id} timeZone={me.timeZone} />}</ForMe>;
}

/** The row's names, sorted by: the project's name ("No project" for time without one) and the task's. */
function useRowNames(orgId: number, rows: Row[], projects: Project[] | undefined): GridRow[] {
  const withTasks = [...new Set(rows.filter((row) => row.taskId !== null).map((row) => row.projectId ?? 0))];
  const tasks = useQueries({
    queries: withTasks.map((projectId) => ({ queryKey: timerKeys.tasks(orgId, projectId), queryFn: () => tracking.tasks(orgId, projectId) })),
  });
  const taskName = (row: Row) => {
    if (row.taskId === null) return null;
    const list = tasks[withTasks.indexOf(row.projectId ?? 0)]?.data;
    return list?.find((task) => task.id === row.taskId)?.name ?? (list === undefined ? "…" : `Task ${row.taskId}`);
  };
  const projectLabel = (row: Row) =>
    row.projectId === null ? "No project" : (projects?.find((project) => project.id === row.projectId)?.name ?? (projects === undefined ? "…" : `Project ${row.projectId}`));
  return rows
    .map((row) => ({ ...row, label: projectLabel(row), detail: taskName(row) }))
    .sort((a, b) => a.label.localeCompare(b.label) || (a.detail ?? "").localeCompare(b.detail ?? ""));
}

function Week({ organization, userId, timeZone }: { organization: Organization; userId: number; timeZone: string }) {
  const orgId = organization.id;
  const [params] = useSearchParams();
  const today = dayOf(Date.now(), timeZone);
  const start = weekOf(params.get("week"), today, defaultWeekStart);
  const thisWeek = startOfWeek(today, defaultWeekStart);
  const days = daysOf(start);
  const key = timerKeys.week(orgId, userId, start);
  const client = useQueryClient();
  const changed = useEntriesChanged(orgId);
  const projects = useProjects(orgId);
  const entries = useQuery({ queryKey: key, queryFn: () => tracking.entries(orgId, userId, start, addDays(start, 6)) });
  // Rows added this week that have no time yet; a week's rows are its own.
  const [added, setAdded] = useState<{ week: DateKey; rows: RowId[] }>({ week: start, rows: [] });
  const [adding, setAdding] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ rowKey: string; day: DateKey } | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const rows = useRowNames(orgId, buildRows(entries.data ?? [], days, timeZone, added.week === start ? added.rows : []), projects.data);
  const readOnlyBecause = organization.readOnly ? readOnlyReason(organization) : null;

  /** Applies one step and puts the server's answer into the week, so the totals show it before the refetch. */
  const apply = async (step: Step) => {
    const update = (change: (list: TimeEntry[]) => TimeEntry[]) => client.setQueryData<TimeEntry[]>(key, (list) => change(list ?? []));
    if (step.kind === "create") {
      const entry = await tracking.create(orgId, step.body);
      update((list) => [...list, entry]);
    } else if (step.kind === "update") {
      const entry = await tracking.update(orgId, step.id, { endedAt: step.endedAt });
      update((list) => list.map((candidate) => (candidate.id === entry.id ? entry : candidate)));
    } else {
      await tracking.remove(orgId, step.id);
      update((list) => list.filter((candidate) => candidate.id !== step.id));
    }
  };

  const save = async (row: Row, day: DateKey, seconds: number) => {
    const current = client.getQueryData<TimeEntry[]>(key) ?? [];
    const cell = buildRows(current, days, timeZone).find((candidate) => candidate.key === row.key)?.cells[day] ?? emptyCell();
    if (cell.lockedBecause) throw new ProblemError({ title: cell.lockedBecause, detail: null, status: null, fields: {} });
    const dayEntries = current.filter((entry) => dayOf(entry.startedAt, timeZone) === day);
    // A row stays while the person works on it this week, even once its last entry is cleared.
    keepRow(row);
    try {
      for (const step of planCell(row, cell, seconds, day, timeZone, dayEntries)) await apply(step);
    } finally {
      changed();
    }
  };

  const keepRow = (row: RowId) =>
    setAdded((kept) => {
      const rowsNow = kept.week === start ? kept.rows : [];
      if (rowsNow.some((candidate) => rowKey(candidate) === rowKey(row))) return kept;
      return { week: start, rows: [...rowsNow, { projectId: row.projectId, taskId: row.taskId }] };
    });

  const addRow = (row: RowId) => {
    keepRow(row);
    setAdding(false);
    setFocusRequest({ rowKey: rowKey(row), day: days.includes(today) ? today : start });
  };

  const weekHref = (day: DateKey) => ({ search: `?week=${day}` });
  const empty = !entries.isPending && rows.length === 0;

  return (
    <section className="page" aria-labelledby="timesheet-title">
      <div className="week-bar">
        <div className="week-bar__title">
          <h1 id="timesheet-title">Timesheet</h1>
          <p className="week-bar__range">{weekLabel(start)}</p>
        </div>
        <WeekNav start={start} thisWeek={thisWeek} hrefOf={weekHref}>
          {readOnlyBecause === null && (
            <Button
              ref={addButton}
              variant="secondary"
              aria-expanded={adding}
              aria-controls={adding ? "timesheet-add" : undefined}
              onClick={() => setAdding(!adding)}
            >
              Add row
            </Button>
          )}
        </WeekNav>
      </div>

      <ReadOnlyNotice organization={organization} what="timesheet" />

      {adding && (
        <div id="timesheet-add">
          <AddRow
            orgId={orgId}
            projects={projects.data}
            catalogueHref={hasRole(organization.role, "admin") ? `/orgs/${orgId}/catalogue` : null}
            onAdd={addRow}
            onCancel={() => {
              setAdding(false);
              addButton.current?.focus();
            }}
          />
        </div>
      )}

      {entries.isError && <ProblemAlert problem={toProblem(entries.error)} />}
      {entries.isPending ? (
        <p className="loading" role="status">
          Loading the week…
        </p>
      ) : empty ? (
        <div className="empty">
          <p className="empty__title">No time on this week yet</p>
          <p className="muted">
            {readOnlyBecause === null
              ? "Choose “Add row” to pick a project (and a task), then type the hours into its days: 1:30, 1.5h or 90m."
              : "Nothing was tracked in this week."}
          </p>
        </div>
      ) : (
        <TimesheetGrid rows={rows} days={days} today={today} readOnlyBecause={readOnlyBecause} save={save} focusRequest={focusRequest} />
      )}
      <PeriodStatus orgId={orgId} userId={userId} date={start} />
    </section>
  );
}

export { TimesheetPage as Component };
