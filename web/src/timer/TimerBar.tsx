import * as Label from "@radix-ui/react-label";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { organizationQuery } from "../orgs/organizations";
import type { StartTimer, TimeEntry, TimeEntryChange } from "./api";
import { isTimerShortcut, isTyping, timerShortcut, useElapsed } from "./clock";
import { ProjectOptions, TaskOptions } from "./pickers";
import { isOptimistic, useProjects, useRunningTimer, useStartTimer, useStopTimer, useTasks, useTimerSync, useUpdateEntry } from "./queries";
import { formatClock, parseTags, spokenDuration } from "./time";
import { useDraft } from "./useDraft";
import "./timer.css";

type BarValues = {
  description: string;
  projectId: string;
  taskId: string;
  tags: string;
  billable: boolean;
};

const empty: BarValues = { description: "", projectId: "", taskId: "", tags: "", billable: false };

function valuesOf(entry: TimeEntry): BarValues {
  return {
    description: entry.description ?? "",
    projectId: entry.projectId === null ? "" : String(entry.projectId),
    taskId: entry.taskId === null ? "" : String(entry.taskId),
    tags: entry.tags.join(", "),
    billable: entry.billable,
  };
}

const idOrNull = (value: string) => (value === "" ? null : Number(value));

/** The running time, ticking; read to screen readers by its label (to the minute), never announced every second. */
function RunningClock({ startedAt }: { startedAt: string | null }) {
  const seconds = useElapsed(startedAt);
  return (
    <span className="timer-bar__clock" role="timer" aria-label={startedAt === null ? "Timer stopped" : `Running for ${spokenDuration(seconds)}`}>
      {formatClock(seconds)}
    </span>
  );
}

/**
 * The always-visible timer bar of an organization's pages. The running timer is the server's (`GET timer`), so it
 * survives reloads and shows one started in another tab or by the API; start and stop change the bar at once and the
 * server's answer confirms them (a refusal puts the bar back and says why under it). While a timer runs, the fields
 * show its description, project, task, tags and billable, and changing one saves it to the running entry.
 */
export function TimerBar({ orgId }: { orgId: number }) {
  useTimerSync(orgId);
  const timer = useRunningTimer(orgId);
  const running = timer.data ?? null;
  const start = useStartTimer(orgId);
  const stop = useStopTimer(orgId);
  const update = useUpdateEntry(orgId);
  const projects = useProjects(orgId);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const draft = useDraft(empty);
  const { reset, get: getValues } = draft;
  const projectId = idOrNull(draft.values.projectId);
  const tasks = useTasks(orgId, projectId);
  // The layout has loaded the organization: while billing makes it read-only, no new timer starts (a running one stops).
  const readOnly = useQuery(organizationQuery(orgId)).data?.readOnly === true;

  // The fields follow the running timer when it changes under them (started elsewhere, stopped, or another one), but
  // not when the page's own guess is confirmed: the person may be typing.
  const shown = useRef<number | null>(null);
  const shownVersion = useRef<string | null>(null);
  useEffect(() => {
    const id = running?.id ?? null;
    const previous = shown.current;
    shown.current = id;
    const version = running?.updatedAt ?? null;
    const changed = version !== shownVersion.current;
    shownVersion.current = version;
    if (id === previous) {
      // The same timer, changed (in My time, another tab, the API): show its fields, but keep what is being typed.
      if (running !== null && changed && !isOptimistic(running)) reset(valuesOf(running), { keepChanged: true });
      return;
    }
    if (running === null) {
      // A refused start (the guess had a negative id) keeps what the person typed.
      if (previous !== null && previous > 0) reset(empty);
    } else if (!(previous !== null && previous < 0 && id !== null && id > 0) && !isOptimistic(running)) reset(valuesOf(running));
  }, [running, reset]);

  const bodyOf = (values: BarValues): StartTimer => ({
    description: values.description.trim() || null,
    projectId: idOrNull(values.projectId),
    taskId: idOrNull(values.taskId),
    tags: parseTags(values.tags),
    // Left to the server (billable with a project) unless the person chose.
    ...(draft.isChanged("billable") ? { billable: values.billable } : {}),
  });

  const startTimer = (values: BarValues) => {
    if (readOnly) return;
    setProblem(null);
    setAnnouncement(values.description.trim() ? `Timer started: ${values.description.trim()}.` : "Timer started.");
    start.mutate(bodyOf(values), {
      onError: (error) => {
        setProblem({ ...toProblem(error), title: `The timer did not start: ${toProblem(error).title}` });
        setAnnouncement("");
      },
    });
  };

  const stopTimer = () => {
    if (running === null) return;
    setProblem(null);
    const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(running.startedAt)) / 1000));
    setAnnouncement(`Timer stopped after ${spokenDuration(seconds)}.`);
    stop.mutate(undefined, {
      onError: (error) => {
        setProblem({ ...toProblem(error), title: `The timer did not stop: ${toProblem(error).title}` });
        setAnnouncement("");
      },
    });
  };

  const toggle = () => (running === null ? startTimer(getValues()) : stopTimer());
  const toggleRef = useRef(toggle);
  toggleRef.current = toggle;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isTimerShortcut(event) || isTyping(event.target) || event.repeat) return;
      event.preventDefault();
      toggleRef.current();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  /** Saves a change of the running entry's fields (not while the page still waits for the server to confirm it). */
  const save = (change: TimeEntryChange) => {
    if (running === null || isOptimistic(running)) return;
    setProblem(null);
    update.mutate(
      { id: running.id, change },
      { onError: (error) => setProblem({ ...toProblem(error), title: `The change was not saved: ${toProblem(error).title}` }) },
    );
  };
  const saveText = (name: "description" | "tags") => {
    if (running === null) return;
    const value = getValues()[name];
    if (name === "description" && value.trim() !== (running.description ?? "")) save({ description: value.trim() || null });
    if (name === "tags" && parseTags(value).join(",") !== running.tags.join(",")) save({ tags: parseTags(value) });
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (running === null) startTimer(getValues());
    else {
      saveText("description");
      saveText("tags");
    }
  };

  const runningState = running === null ? "stopped" : "running";
  const confirmed = !(start.isPending || stop.isPending) && (running === null || !isOptimistic(running));
  return (
    <section className="timer-bar" aria-label="Timer" data-timer={runningState} data-confirmed={confirmed}>
      <form className="timer-bar__form" onSubmit={onSubmit} noValidate>
        <div className="timer-bar__what">
          <Label.Root className="visually-hidden" htmlFor="timer-description">
            What are you working on?
          </Label.Root>
          <input
            id="timer-description"
            className="timer-bar__description"
            placeholder="What are you working on?"
            autoComplete="off"
            maxLength={5000}
            {...draft.text("description")}
            onBlur={() => saveText("description")}
          />
        </div>
        <div className="timer-bar__details">
          <Label.Root className="visually-hidden" htmlFor="timer-project">
            Project
          </Label.Root>
          <select
            id="timer-project"
            className="timer-bar__select"
            value={draft.values.projectId}
            onChange={(event) => {
              draft.set("projectId", event.target.value);
              draft.set("taskId", "", { byPerson: false });
              if (!draft.isChanged("billable")) draft.set("billable", event.target.value !== "", { byPerson: false });
              save({ projectId: idOrNull(event.target.value), taskId: null });
            }}
          >
            <option value="">No project</option>
            <ProjectOptions projects={projects.data} selected={projectId} />
          </select>
          <Label.Root className="visually-hidden" htmlFor="timer-task">
            Task
          </Label.Root>
          <select
            id="timer-task"
            className="timer-bar__select"
            disabled={projectId === null}
            value={draft.values.taskId}
            onChange={(event) => {
              draft.set("taskId", event.target.value);
              save({ taskId: idOrNull(event.target.value) });
            }}
          >
            <option value="">{projectId === null ? "Choose a project first" : "No task"}</option>
            <TaskOptions tasks={tasks.data} selected={idOrNull(draft.values.taskId)} />
          </select>
          <Label.Root className="visually-hidden" htmlFor="timer-tags">
            Tags, separated by commas
          </Label.Root>
          <input id="timer-tags" className="timer-bar__tags" placeholder="Tags" autoComplete="off" {...draft.text("tags")} onBlur={() => saveText("tags")} />
          <label className="timer-bar__billable">
            <input
              type="checkbox"
              checked={draft.values.billable}
              onChange={(event) => {
                draft.set("billable", event.target.checked);
                save({ billable: event.target.checked });
              }}
            />
            Billable
          </label>
        </div>
        <div className="timer-bar__controls">
          <RunningClock startedAt={running?.startedAt ?? null} />
          {running === null ? (
            <Button
              type="submit"
              className="timer-bar__toggle"
              aria-keyshortcuts={timerShortcut}
              busy={timer.isPending}
              aria-disabled={readOnly || timer.isPending || undefined}
              aria-describedby={readOnly ? "timer-read-only" : "timer-shortcut"}
            >
              <span aria-hidden="true" className="timer-bar__icon">
                ▶
              </span>
              Start
            </Button>
          ) : (
            <Button
              type="button"
              className="timer-bar__toggle timer-bar__toggle--stop"
              aria-keyshortcuts={timerShortcut}
              aria-describedby="timer-shortcut"
              onClick={(event) => {
                // The same button becomes Start (a submit button) before the click's default action runs: without
                // this, stopping would submit the form and start a new timer at once.
                event.preventDefault();
                stopTimer();
              }}
            >
              <span aria-hidden="true" className="timer-bar__icon">
                ■
              </span>
              Stop
            </Button>
          )}
        </div>
      </form>
      {readOnly && running === null && (
        <p className="timer-bar__read-only" id="timer-read-only">
          The timer cannot start while this organization is read-only: billing needs attention (see the notice above).
        </p>
      )}
      <p className="timer-bar__hint" id="timer-shortcut">
        <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd> starts or stops the timer from anywhere outside a text field.
      </p>
      <div className="visually-hidden" role="status">
        {announcement}
      </div>
      <ProblemAlert problem={problem} />
    </section>
  );
}
