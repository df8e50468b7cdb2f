import { useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { toProblem } from "../api/problem";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { tracking, timerKeys, type TimeEntry } from "./api";
import { EntryRow } from "./EntryRow";
import { useContinueEntry, useEntriesChanged, useProjects, weekQuery } from "./queries";
import { dayLabel, dayOf, formatClock, groupByDay, isDateKey, spokenDuration, weekLabel, weekStart, type DateKey } from "./time";
import { useUndoableDelete } from "./undo";
import { UndoToast } from "./UndoToast";
import "./timer.css";
import { ForMe } from "./ForMe";
import { WeekNav } from "./WeekNav";
import { ReadOnlyNotice } from "../orgs/ReadOnlyNotice";
import { useOrganization } from "../orgs/useOrganization";

// The form for time recorded by hand loads when the person reaches for it: it is not needed to read the week, and its
// form library would weigh on the timer page's first load.
const loadManualEntry = () => import("./ManualEntry");
const ManualEntry = lazy(() => loadManualEntry().then((module) => ({ default: module.ManualEntry })));

/** The week the address asks for (`?week=2026-11-23`, any day of it), else the week of `today`. */
export function weekFromParams(params: URLSearchParams, today: DateKey): DateKey {
  const asked = params.get("week");
  return weekStart(isDateKey(asked) ? asked : today);
}

/** My time: the signed-in person's entries of the organization, a week at a time, in their own time zone. */
export function MyTime() {
  usePageTitle("My time");
  const orgId = Number(useParams().orgId);
  return <ForMe>{(me) => <Week orgId={orgId} userId={me.id} timeZone={me.timeZone} />}</ForMe>;
}

function Week({ orgId, userId, timeZone }: { orgId: number; userId: number; timeZone: string }) {
  const organization = useOrganization();
  const [params] = useSearchParams();
  const today = dayOf(Date.now(), timeZone);
  const thisWeek = weekStart(today);
  const monday = weekFromParams(params, today);
  const client = useQueryClient();
  const projects = useProjects(orgId);
  const continuing = useContinueEntry(orgId);
  const changed = useEntriesChanged(orgId);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState("");
  const entries = useQuery(weekQuery(orgId, userId, monday));
  const deletion = useUndoableDelete<TimeEntry>((entry) => {
    tracking
      .remove(orgId, entry.id)
      .catch((error: unknown) => setNotice(`The entry was not deleted: ${toProblem(error).detail ?? toProblem(error).title}`))
      .finally(changed);
  });

  const visible = (entries.data ?? []).filter((entry) => entry.id !== deletion.pending?.id);
  const days = groupByDay(visible, timeZone);
  const weekTotal = days.reduce((sum, day) => sum + day.totalSeconds, 0);
  // This week has the plain address; another week names its Monday.
  const weekHref = (day: DateKey) => ({ search: day === thisWeek ? "" : `?week=${day}` });
  const navigate = useNavigate();

  const onContinue = (entry: TimeEntry) => {
    continuing.mutate(entry);
    setNotice(`Timer started: ${entry.description ?? "entry without description"}.`);
  };

  return (
    <section className="page" aria-labelledby="time-title">
      <div className="week-bar">
        <div className="week-bar__title">
          <h1 id="time-title">My time</h1>
          <p className="week-bar__range">
            {weekLabel(monday)} ·{" "}
            <span className="week-bar__total" aria-label={`Week total: ${spokenDuration(weekTotal)}`}>
              {formatClock(weekTotal)}
            </span>
          </p>
        </div>
        <WeekNav start={monday} thisWeek={thisWeek} hrefOf={weekHref}>
          {!organization.readOnly && (
            <Button
              variant="secondary"
              aria-expanded={adding}
              aria-controls={adding ? "manual-entry" : undefined}
              onClick={() => setAdding(!adding)}
              onPointerEnter={() => void loadManualEntry()}
              onFocus={() => void loadManualEntry()}
            >
              Add time
            </Button>
          )}
        </WeekNav>
      </div>

      <ReadOnlyNotice organization={organization} what="week" />

      {adding && (
        <div id="manual-entry">
          <Suspense fallback={<p className="muted">Loading the form…</p>}>
            <ManualEntry
              orgId={orgId}
              timeZone={timeZone}
              projects={projects.data}
              day={monday === thisWeek ? today : monday}
              onCancel={() => setAdding(false)}
              onSaved={(entry) => {
                setAdding(false);
                setNotice("Entry added.");
                void client.invalidateQueries({ queryKey: timerKeys.entries(orgId) });
                changed();
                const week = weekStart(dayOf(entry.startedAt, timeZone));
                if (week !== monday) navigate(weekHref(week));
              }}
            />
          </Suspense>
        </div>
      )}

      {entries.isError && <ProblemAlert problem={toProblem(entries.error)} />}
      {/* An entry on a project archived since cannot be continued: the server says why. */}
      {continuing.isError && <ProblemAlert problem={toProblem(continuing.error)} />}
      {entries.isPending ? (
        <p className="loading" role="status">
          Loading entries…
        </p>
      ) : days.length === 0 ? (
        <div className="empty">
          <p className="empty__title">No time tracked this week</p>
          <p className="muted">Start the timer above, or add time you worked by hand with “Add time”.</p>
        </div>
      ) : (
        days.map((day) => (
          <section key={day.day} className="day" aria-labelledby={`day-${day.day}`}>
            <div className="day__head">
              <h2 id={`day-${day.day}`} className="day__title">
                {dayLabel(day.day)}
              </h2>
              <span className="day__total" aria-label={`Day total: ${spokenDuration(day.totalSeconds)}`}>
                {formatClock(day.totalSeconds)}
              </span>
            </div>
            <ul className="day__list">
              {day.entries.map((entry) => (
                <EntryRow
                  key={entry.id}
                  entry={entry}
                  orgId={orgId}
                  timeZone={timeZone}
                  projects={projects.data}
                  onContinue={onContinue}
                  onDelete={deletion.remove}
                  readOnly={organization.readOnly}
                />
              ))}
            </ul>
          </section>
        ))
      )}

      <p className="visually-hidden" role="status">
        {deletion.pending ? "" : notice}
      </p>
      {deletion.pending && <UndoToast onUndo={deletion.undo} onDismiss={deletion.commit} />}
    </section>
  );
}

export { MyTime as Component };
