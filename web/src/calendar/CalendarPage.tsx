import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { toProblem } from "../api/problem";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { ProblemAlert } from "../components/ProblemAlert";
import { tracking, timerKeys, type TimeEntry, type TimeEntryChange } from "../timer/api";
import { ManualEntry } from "../timer/ManualEntry";
import { isOptimistic, useContinueEntry, useEntriesChanged, useProjects, useRunningTimer, useUpdateEntry } from "../timer/queries";
import { addDays, dayOf, isDateKey, weekLabel, type DateKey } from "../timer/time";
import { useUndoableDelete } from "../timer/undo";
import { UndoToast } from "../timer/UndoToast";
import { CalendarGrid, type CalendarItem } from "./CalendarGrid";
import { EntryEditor } from "./EntryEditor";
import { clockText, daysOf, dayTitle, instantOf, minuteOfDay, step, type CalendarView } from "./layout";
import { useNow } from "./useNow";
import "../timer/timer.css";
import "./calendar.css";
import { ForMe } from "../timer/ForMe";
import { ReadOnlyNotice } from "../orgs/ReadOnlyNotice";
import { useOrganization } from "../orgs/useOrganization";

/** The view and date the address asks for (`?view=week&date=2026-12-02`): by default today, a week wide (a day on a phone). */
export function calendarFromParams(params: URLSearchParams, today: DateKey, narrow: boolean): { view: CalendarView; date: DateKey } {
  const asked = params.get("view");
  const view: CalendarView = asked === "day" || asked === "week" ? asked : narrow ? "day" : "week";
  const date = params.get("date");
  return { view, date: isDateKey(date) ? date : today };
}

const isNarrow = () => typeof window.matchMedia === "function" && window.matchMedia("(max-width: 40rem)").matches;
const href = (view: CalendarView, date: DateKey) => ({ search: `?view=${view}&date=${date}` });

/** `/orgs/:orgId/calendar`: the person's entries drawn on a day or a week of hours, in their own time zone. */
export function CalendarPage() {
  usePageTitle("Calendar");
  const orgId = Number(useParams().orgId);
  return <ForMe>{(me) => <Calendar orgId={orgId} userId={me.id} timeZone={me.timeZone} />}</ForMe>;
}

function Calendar({ orgId, userId, timeZone }: { orgId: number; userId: number; timeZone: string }) {
  const organization = useOrganization();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const now = useNow();
  const today = dayOf(now, timeZone);
  const { view, date } = calendarFromParams(params, today, isNarrow());
  const days = daysOf(view, date);
  const first = days[0] ?? date;
  const last = days[days.length - 1] ?? date;
  const projects = useProjects(orgId);
  const timer = useRunningTimer(orgId);
  const update = useUpdateEntry(orgId);
  const continuing = useContinueEntry(orgId);
  const changed = useEntriesChanged(orgId);
  const [openId, setOpenId] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [refusal, setRefusal] = useState<{ title: string; detail: string } | null>(null);
  const [notice, setNotice] = useState("");

  // From the day before: an entry that starts before midnight is drawn in the first day too.
  const key = [...timerKeys.entries(orgId), "calendar", userId, first, last] as const;
  const entries = useQuery({ queryKey: key, queryFn: () => tracking.entries(orgId, userId, addDays(first, -1), last) });
  const deletion = useUndoableDelete<TimeEntry>((entry) => {
    tracking
      .remove(orgId, entry.id)
      .catch((error: unknown) => setNotice(`The entry was not deleted: ${toProblem(error).detail ?? toProblem(error).title}`))
      .finally(changed);
  });

  // The running timer is the timer bar's (started here or anywhere, it shows at once); the list's copy may be older.
  const running = timer.data ?? null;
  const listed = (entries.data ?? []).filter((entry) => entry.endedAt !== null && entry.id !== deletion.pending?.id);
  const items: CalendarItem[] = [...listed, ...(running ? [running] : [])].map((entry) => ({
    id: entry.id,
    entry,
    start: Date.parse(entry.startedAt),
    end: entry.endedAt === null ? Math.max(now, Date.parse(entry.startedAt)) : Date.parse(entry.endedAt),
    running: entry.endedAt === null,
    locked: entry.lockedAt !== null,
    provisional: isOptimistic(entry),
  }));
  const opened = items.find((item) => item.id === openId)?.entry ?? null;

  const refuse = (what: string, error: unknown) => {
    const problem = toProblem(error);
    setRefusal({ title: what, detail: [problem.detail ?? problem.title, ...Object.values(problem.fields)].join(" ") });
  };
  const span = (entry: TimeEntry) =>
    `${clockText(minuteOfDay(Date.parse(entry.startedAt), timeZone))} to ${entry.endedAt === null ? "now" : clockText(minuteOfDay(Date.parse(entry.endedAt), timeZone))}`;
  const putInList = (entry: TimeEntry) =>
    client.setQueryData<TimeEntry[]>(key, (list) => [...(list ?? []).filter((other) => other.id !== entry.id), entry]);

  const create = async (day: DateKey, top: number, bottom: number) => {
    setRefusal(null);
    try {
      const entry = await tracking.create(orgId, {
        startedAt: instantOf(day, top, timeZone).toISOString(),
        endedAt: instantOf(day, bottom, timeZone).toISOString(),
      });
      putInList(entry);
      changed();
      setNotice(`Entry created, ${span(entry)}. Describe it in the panel above the calendar.`);
      // Created at once; the panel opens on it, its description first, to say what the time was.
      setOpenId(entry.id);
    } catch (error) {
      refuse("The entry was not created", error);
    }
  };

  const change = async (item: CalendarItem, body: TimeEntryChange) => {
    setRefusal(null);
    try {
      const entry = await update.mutateAsync({ id: item.id, change: body });
      if (entry.endedAt !== null) putInList(entry);
      setNotice(`Entry changed: ${entry.description ?? "no description"}, ${span(entry)}.`);
    } catch (error) {
      refuse("The entry was not changed", error);
    }
  };

  const close = () => {
    const id = openId;
    setOpenId(null);
    // Back to the block the panel was opened from (after the panel has gone).
    setTimeout(() => document.querySelector<HTMLElement>(`.cal-block[data-entry="${id}"]`)?.focus(), 0);
  };

  const label = view === "day" ? dayTitle(date) : weekLabel(first);
  const showsToday = days.includes(today);

  return (
    <section className="page calendar" aria-labelledby="calendar-title">
      <div className="cal-bar">
        <div className="cal-bar__title">
          <h1 id="calendar-title">Calendar</h1>
          <p className="cal-bar__range">{label}</p>
        </div>
        <nav className="cal-bar__nav" aria-label={view === "day" ? "Days" : "Weeks"}>
          <Button variant="quiet" asChild>
            <Link to={href(view, step(view, date, -1))}>
              <span aria-hidden="true">‹</span> Previous {view}
            </Link>
          </Button>
          <Button variant="quiet" asChild>
            <Link to={href(view, today)} aria-current={showsToday ? "date" : undefined}>
              Today
            </Link>
          </Button>
          <Button variant="quiet" asChild>
            <Link to={href(view, step(view, date, 1))}>
              Next {view} <span aria-hidden="true">›</span>
            </Link>
          </Button>
        </nav>
        <div className="cal-bar__actions">
          <div className="cal-views" role="group" aria-label="View">
            {(["day", "week"] as const).map((option) => (
              <Link key={option} className="cal-views__option" to={href(option, date)} aria-current={view === option ? "page" : undefined}>
                {option === "day" ? "Day" : "Week"}
              </Link>
            ))}
          </div>
          {!organization.readOnly && (
            <Button variant="secondary" aria-expanded={adding} aria-controls={adding ? "cal-add" : undefined} onClick={() => setAdding(!adding)}>
              Add time
            </Button>
          )}
        </div>
      </div>

      {adding && (
        <div id="cal-add">
          <ManualEntry
            orgId={orgId}
            timeZone={timeZone}
            projects={projects.data}
            day={showsToday ? today : date}
            onCancel={() => setAdding(false)}
            onSaved={(entry) => {
              setAdding(false);
              setNotice(`Entry added, ${span(entry)}.`);
              void client.invalidateQueries({ queryKey: timerKeys.entries(orgId) });
              changed();
              const day = dayOf(entry.startedAt, timeZone);
              if (!days.includes(day)) navigate(href(view, day));
            }}
          />
        </div>
      )}

      {opened && (
        <EntryEditor
          entry={opened}
          orgId={orgId}
          timeZone={timeZone}
          projects={projects.data}
          onClose={close}
          readOnly={organization.readOnly}
          onContinue={(entry) => {
            continuing.mutate(entry, { onError: (error) => refuse("The timer did not start", error) });
            setNotice(`Timer started: ${entry.description ?? "entry without description"}.`);
          }}
          onDelete={(entry) => {
            setOpenId(null);
            deletion.remove(entry);
          }}
        />
      )}

      {refusal && (
        <FormAlert title={refusal.title}>
          <p>{refusal.detail}</p>
        </FormAlert>
      )}
      {entries.isError && <ProblemAlert problem={toProblem(entries.error)} />}
      <ReadOnlyNotice organization={organization} what="calendar" />
      <p className="cal-hint muted" hidden={organization.readOnly}>
        <span className="cal-hint--pointer">Drag on empty time to add an entry, drag an entry&apos;s edges to change its times, or press an entry to edit it.</span>
        <span className="cal-hint--touch">Tap an entry to edit it, drag its edges to change its times, or use Add time for new time.</span>
      </p>
      {entries.isPending ? (
        <p className="loading" role="status">
          Loading entries…
        </p>
      ) : (
        <CalendarGrid
          days={days}
          timeZone={timeZone}
          items={items}
          projects={projects.data}
          now={now}
          onCreate={create}
          readOnly={organization.readOnly}
          onChange={change}
          onOpen={(item) => setOpenId(item.id)}
        />
      )}

      <p className="visually-hidden" role="status">
        {deletion.pending ? "" : notice}
      </p>
      {deletion.pending && <UndoToast onUndo={deletion.undo} onDismiss={deletion.commit} />}
    </section>
  );
}

export { CalendarPage as Component };
