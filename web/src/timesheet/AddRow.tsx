import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Button } from "../components/Button";
import type { Project } from "../timer/api";
import { TaskOptions } from "../timer/pickers";
import { useTasks } from "../timer/queries";
import type { RowId } from "./sheet";

export interface AddRowProps {
  orgId: number;
  projects: Project[] | undefined;
  /** Where an admin adds projects; null for members, who ask an admin. */
  catalogueHref: string | null;
  onAdd(row: RowId): void;
  onCancel(): void;
}

/** Picks the project (and optionally the task) of a new row: two pickers and a button, all reachable by Tab. */
export function AddRow({ orgId, projects, catalogueHref, onAdd, onCancel }: AddRowProps) {
  const id = useId();
  const open = (projects ?? []).filter((project) => !project.archived);
  const [picked, setProjectId] = useState<number | null>(null);
  const [taskId, setTaskId] = useState<number | null>(null);
  // The first project until another is picked (the list may arrive after the form opens).
  const projectId = picked ?? open[0]?.id ?? null;
  const tasks = useTasks(orgId, projectId);

  if (projects !== undefined && open.length === 0)
    return (
      <div className="ts-add" role="group" aria-labelledby={`${id}-title`}>
        <p id={`${id}-title`} className="ts-add__title">
          There are no projects to track time on yet.
        </p>
        <p className="muted">
          {catalogueHref ? (
            <>
              <Link to={catalogueHref}>Add a project</Link>, then add its row here.
            </>
          ) : (
            "Ask an admin of the organization to add one."
          )}
        </p>
        <div>
          <Button variant="secondary" onClick={onCancel}>
            Close
          </Button>
        </div>
      </div>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (projectId !== null) onAdd({ projectId, taskId });
  };

  return (
    <form
      className="ts-add"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <p id={`${id}-title`} className="ts-add__title">
        Add a row
      </p>
      <div className="ts-add__fields">
        <div className="field">
          <label htmlFor={`${id}-project`} className="field__label">Project</label>
          <select
            id={`${id}-project`}
            className="field__select"
            value={projectId ?? ""}
            autoFocus
            onChange={(event) => {
              setProjectId(event.target.value === "" ? null : Number(event.target.value));
              setTaskId(null);
            }}
          >
            {projects === undefined && <option value="">Loading…</option>}
            {open.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-task`} className="field__label">Task (optional)</label>
          <select
            id={`${id}-task`}
            className="field__select"
            value={taskId ?? ""}
            disabled={projectId === null}
            onChange={(event) => setTaskId(event.target.value === "" ? null : Number(event.target.value))}
          >
            <option value="">No task</option>
            <TaskOptions tasks={tasks.data?.filter((task) => !task.archived)} selected={null} />
          </select>
        </div>
        <div className="ts-add__actions">
          <Button type="submit" disabled={projectId === null}>
            Add row
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
    </form>
  );
}
