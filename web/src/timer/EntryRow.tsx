import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { toProblem } from "../api/problem";
import { Button } from "../components/Button";
import type { Project, TimeEntry, TimeEntryChange } from "./api";
import { useElapsed } from "./clock";
import { ProjectOptions, TaskOptions } from "./pickers";
import { useTasks, useUpdateEntry } from "./queries";
import { addDays, dayOf, formatClock, instantAt, parseTags, spokenDuration, timeOf } from "./time";
import { useDraft } from "./useDraft";

type RowValues = {
  description: string;
  projectId: string;
  taskId: string;
  tags: string;
  startedAt: string;
  endedAt: string;
};

function rowValues(entry: TimeEntry, timeZone: string): RowValues {
  return {
    description: entry.description ?? "",
    projectId: entry.projectId === null ? "" : String(entry.projectId),
    taskId: entry.taskId === null ? "" : String(entry.taskId),
    tags: entry.tags.join(", "),
    startedAt: timeOf(entry.startedAt, timeZone),
    endedAt: entry.endedAt === null ? "" : timeOf(entry.endedAt, timeZone),
  };
}

const fields: readonly (keyof RowValues)[] = ["description", "projectId", "taskId", "tags", "startedAt", "endedAt"];
const idOrNull = (value: string) => (value === "" ? null : Number(value));

/**
 * The change that the field's new text asks for, or null when it asks for none. Times are read on the entry's day in
 * the person's time zone; an end at or before the start is on the next day (work past midnight).
 */
export function changeFor(field: keyof RowValues, values: RowValues, entry: TimeEntry, timeZone: string): TimeEntryChange | null {
  const before = rowValues(entry, timeZone);
  if (values[field] === before[field]) return null;
  const day = dayOf(entry.startedAt, timeZone);
  switch (field) {
    case "description":
      return values.description.trim() === (entry.description ?? "") ? null : { description: values.description.trim() || null };
    case "tags":
      return parseTags(values.tags).join("\n") === entry.tags.join("\n") ? null : { tags: parseTags(values.tags) };
    case "projectId":
      return { projectId: idOrNull(values.projectId), taskId: null };
    case "taskId":
      return { taskId: idOrNull(values.taskId) };
    case "startedAt":
      return values.startedAt === "" ? null : { startedAt: instantAt(day, values.startedAt, timeZone).toISOString() };
    case "endedAt": {
      if (values.endedAt === "") return null;
      const start = instantAt(day, values.startedAt || before.startedAt, timeZone);
      let end = instantAt(day, values.endedAt, timeZone);
      if (end <= start) end = instantAt(addDays(day, 1), values.endedAt, timeZone);
      return { endedAt: end.toISOString() };
    }
  }
}

function RowDuration({ entry }: { entry: TimeEntry }) {
  const running = entry.endedAt === null;
  const seconds = useElapsed(running ? entry.startedAt : null);
  const total = running ? seconds : (entry.durationSeconds ?? 0);
  return (
    <span className="entry__duration" aria-label={`Duration: ${spokenDuration(total)}${running ? ", running" : ""}`}>
      {formatClock(total)}
    </span>
  );
}

export interface EntryRowProps {
  entry: TimeEntry;
  orgId: number;
  timeZone: string;
  projects: Project[] | undefined;
  onContinue(entry: TimeEntry): void;
  onDelete(entry: TimeEntry): void;
  /** The organization is read-only: the entry is shown, not changed (nor continued). */
  readOnly?: boolean;
}

/**
 * One entry of My time, edited in place: a text field saves on Enter or when focus leaves it, Escape puts it back,
 * a picker saves when changed; the server's refusal shows under the field it concerns.
 */
export function EntryRow({ entry, orgId, timeZone, projects, onContinue, onDelete, readOnly = false }: EntryRowProps) {
  const id = useId();
  const update = useUpdateEntry(orgId);
  const draft = useDraft(rowValues(entry, timeZone));
  const { reset, setError } = draft;
  // A refetch after one field is saved must not undo what the person is typing in another. (The first render already
  // shows the entry: no second pass over every row on arrival.)
  const shown = useRef({ entry, timeZone });
  useEffect(() => {
    if (shown.current.entry === entry && shown.current.timeZone === timeZone) return;
    shown.current = { entry, timeZone };
    reset(rowValues(entry, timeZone), { keepChanged: true });
  }, [entry, timeZone, reset]);
  const projectId = idOrNull(draft.values.projectId);
  const tasks = useTasks(orgId, projectId);
  const running = entry.endedAt === null;
  const invoiced = entry.invoiceId !== null;
  const locked = invoiced || readOnly || Boolean(entry.lockReason);
  const describe = (entry.description ?? "").trim() || "entry without description";
  const endText = entry.endedAt === null ? "now" : timeOf(entry.endedAt, timeZone);

  const save = (field: keyof RowValues) => {
    const change = changeFor(field, draft.get(), entry, timeZone);
    if (change === null) return;
    draft.clearError(field);
    update.mutate(
      { id: entry.id, change },
      {
        onError: (error) => {
          const problem = toProblem(error);
          let placed = false;
          for (const [name, message] of Object.entries(problem.fields)) {
            const target = fields.find((candidate) => name === candidate || name.startsWith(`${candidate}[`));
            if (target) {
              setError(target, message);
              placed = true;
            }
          }
          if (!placed) setError(field, problem.detail ?? problem.title);
        },
      },
    );
  };

  const keys = (field: keyof RowValues) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      save(field);
    } else if (event.key === "Escape") {
      event.preventDefault();
      draft.undo(field);
    }
  };

  const errorOf = (field: keyof RowValues) => draft.errors[field];
  const described = (field: keyof RowValues) => (errorOf(field) ? { "aria-invalid": true, "aria-describedby": `${id}-${field}-error` } : {});
  const error = (field: keyof RowValues) =>
    errorOf(field) && (
      <p className="entry__error" id={`${id}-${field}-error`}>
        {errorOf(field)}
      </p>
    );
  const text = (field: "description" | "tags" | "startedAt" | "endedAt") => ({ ...draft.text(field), onBlur: () => save(field) });

  return (
    <li className="entry" data-entry={entry.id} aria-label={`${describe}, ${timeOf(entry.startedAt, timeZone)} to ${endText}`}>
      <div className="entry__field entry__field--description">
        <input
          className="entry__input entry__description"
          aria-label="Description"
          placeholder="Add a description"
          readOnly={locked}
          maxLength={5000}
          onKeyDown={keys("description")}
          {...described("description")}
          {...text("description")}
        />
        {error("description")}
      </div>
      <div className="entry__field">
        <select
          className="entry__select"
          aria-label="Project"
          disabled={locked}
          {...described("projectId")}
          value={draft.values.projectId}
          onChange={(event) => {
            draft.set("projectId", event.target.value);
            draft.set("taskId", "", { byPerson: false });
            save("projectId");
          }}
        >
          <option value="">No project</option>
          <ProjectOptions projects={projects} selected={projectId} />
        </select>
        {error("projectId")}
      </div>
      <div className="entry__field">
        <select
          className="entry__select"
          aria-label="Task"
          disabled={locked || projectId === null}
          {...described("taskId")}
          value={draft.values.taskId}
          onChange={(event) => {
            draft.set("taskId", event.target.value);
            save("taskId");
          }}
        >
          <option value="">No task</option>
          <TaskOptions tasks={tasks.data} selected={idOrNull(draft.values.taskId)} />
        </select>
        {error("taskId")}
      </div>
      <div className="entry__field">
        <input
          className="entry__input"
          aria-label="Tags, separated by commas"
          placeholder="Tags"
          readOnly={locked}
          onKeyDown={keys("tags")}
          {...described("tags")}
          {...text("tags")}
        />
        {error("tags")}
      </div>
      <div className="entry__field entry__field--times">
        <div className="entry__times">
          <input
            type="time"
            className="entry__input entry__time"
            aria-label="Start"
            readOnly={locked}
            onKeyDown={keys("startedAt")}
            {...described("startedAt")}
            {...text("startedAt")}
          />
          <span aria-hidden="true">–</span>
          {running ? (
            <span className="entry__running">now</span>
          ) : (
            <input
              type="time"
              className="entry__input entry__time"
              aria-label="End"
              readOnly={locked}
              onKeyDown={keys("endedAt")}
              {...described("endedAt")}
              {...text("endedAt")}
            />
          )}
        </div>
        {entry.autoStopped && (
          <span className="entry__flag" title="This timer ran to the organization's limit and was stopped there: check its end">
            Auto-stopped
          </span>
        )}
        {error("startedAt")}
        {error("endedAt")}
      </div>
      <RowDuration entry={entry} />
      <div className="entry__actions">
        {!running && !readOnly && (
          <Button variant="quiet" aria-label={`Continue: ${describe}`} title="Start the timer with this entry's details" onClick={() => onContinue(entry)}>
            <span aria-hidden="true">▶</span>
          </Button>
        )}
        {!running && !locked && (
          <Button variant="quiet" aria-label={`Delete: ${describe}`} title="Delete this entry" onClick={() => onDelete(entry)}>
            <span aria-hidden="true">✕</span>
          </Button>
        )}
        {invoiced && <span className="muted">Invoiced</span>}
        {!invoiced && entry.lockReason && <span className="muted" title={entry.lockReason}>Locked<span className="visually-hidden">. {entry.lockReason}</span></span>}
      </div>
    </li>
  );
}
