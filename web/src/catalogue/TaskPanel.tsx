import { useState } from "react";
import { toProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { catalogue, catalogueKeys, usePagedList, type Project, type Task } from "./api";
import { ArchiveButton, EditForm, SaveOrCancel, useArchiveToggle, useCatalogueForm } from "./form";
import { ListEnd, required, useFocusReturn } from "./parts";

interface TaskValues {
  name: string;
}

/** A project's tasks, under its row: add, rename, archive and restore. */
export function TaskPanel({ id, orgId, project }: { id: string; orgId: number; project: Project }) {
  const [showArchived, setShowArchived] = useState(false);
  const key = catalogueKeys.tasks(orgId, project.id);
  const list = usePagedList([...key, "catalogue", showArchived], (cursor) => catalogue.tasks(orgId, project.id, showArchived, cursor));
  return (
    <div className="catalogue__tasks" id={id} role="region" aria-label={`Tasks of ${project.name}`}>
      {project.archived ? (
        <p className="muted">Restore the project to add tasks to it.</p>
      ) : (
        <AddTask orgId={orgId} project={project} />
      )}
      {list.isPending ? (
        <p className="muted">Loading tasks…</p>
      ) : list.isError ? (
        <ProblemAlert problem={toProblem(list.error)} />
      ) : (
        <>
          {list.items.length === 0 ? (
            <p className="muted">
              {showArchived ? "This project has no tasks." : "No tasks yet. Members can track time on the project itself, or add tasks to split it up."}
            </p>
          ) : (
            <ul className="catalogue__task-list" aria-label={`Tasks of ${project.name}`}>
              {list.items.map((task) => (
                <TaskRow key={task.id} orgId={orgId} task={task} />
              ))}
            </ul>
          )}
          <label className="catalogue__toggle">
            <input type="checkbox" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} />
            Show archived tasks
          </label>
          <ListEnd what="tasks" hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} hidden={0} />
        </>
      )}
    </div>
  );
}

function AddTask({ orgId, project }: { orgId: number; project: Project }) {
  const { form, problem, onSubmit, errors, isSubmitting } = useCatalogueForm({
    refreshes: catalogueKeys.tasks(orgId, project.id),
    send: (values: TaskValues) => catalogue.createTask(orgId, project.id, { name: values.name.trim() }),
    defaults: { name: "" },
    fields: ["name"],
    conflictField: "name",
    saved: (_, { reset, setFocus }) => {
      reset();
      setFocus("name");
    },
  });
  return (
    <form className="catalogue__inline" onSubmit={onSubmit} noValidate aria-label={`Add a task to ${project.name}`}>
      <ProblemAlert problem={problem} />
      <TextField label="New task" autoComplete="off" error={errors.name?.message} {...form.register("name", { validate: required("task") })} />
      <Button type="submit" variant="secondary" busy={isSubmitting}>
        {isSubmitting ? "Adding…" : "Add task"}
      </Button>
    </form>
  );
}

function TaskRow({ orgId, task }: { orgId: number; task: Task }) {
  const [editing, setEditing] = useState(false);
  const renameButton = useFocusReturn<HTMLButtonElement>(editing);
  const archive = useArchiveToggle(catalogueKeys.tasks(orgId, task.projectId), task.archived, (archived) =>
    catalogue.updateTask(orgId, task.projectId, task.id, { archived }),
  );
  const { problem } = archive;
  if (editing) return <EditTask orgId={orgId} task={task} onDone={() => setEditing(false)} />;
  return (
    <li className="catalogue__task" data-archived={task.archived || undefined}>
      <span className="catalogue__task-name">
        {task.name}
        {task.archived && <span className="catalogue__badge">Archived</span>}
      </span>
      <span className="catalogue__actions">
        {!task.archived && (
          <Button variant="quiet" ref={renameButton} onClick={() => setEditing(true)} aria-label={`Rename task ${task.name}`}>
            Rename
          </Button>
        )}
        <ArchiveButton name={`task ${task.name}`} archived={task.archived} archive={archive} />
      </span>
      {problem && (
        <div className="catalogue__row-problem">
          <ProblemAlert problem={problem} />
        </div>
      )}
    </li>
  );
}

function EditTask({ orgId, task, onDone }: { orgId: number; task: Task; onDone: () => void }) {
  const { form, problem, onSubmit, errors, isSubmitting } = useCatalogueForm({
    refreshes: catalogueKeys.tasks(orgId, task.projectId),
    send: (values: TaskValues) => catalogue.updateTask(orgId, task.projectId, task.id, { name: values.name.trim() }),
    defaults: { name: task.name },
    fields: ["name"],
    conflictField: "name",
    saved: onDone,
  });
  return (
    <li className="catalogue__task">
      <EditForm label={`Rename task ${task.name}`} onSubmit={onSubmit} onCancel={onDone} problem={problem} className="catalogue__inline">
        <TextField label="Task name" autoComplete="off" autoFocus error={errors.name?.message} {...form.register("name", { validate: required("task") })} />
        <SaveOrCancel busy={isSubmitting} onCancel={onDone} />
      </EditForm>
    </li>
  );
}
