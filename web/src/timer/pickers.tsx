import type { Project, Task } from "./api";

/**
 * The options of a project picker: the projects in use, and an archived one only where it is already chosen (an older
 * entry may be on it; nothing new can be put on it).
 */
export function ProjectOptions({ projects, selected }: { projects: Project[] | undefined; selected: number | null }) {
  const shown = (projects ?? []).filter((project) => !project.archived || project.id === selected);
  const missing = selected !== null && !shown.some((project) => project.id === selected);
  return (
    <>
      {shown.map((project) => (
        <option key={project.id} value={project.id}>
          {project.archived ? `${project.name} (archived)` : project.name}
        </option>
      ))}
      {missing && <option value={selected}>{projects === undefined ? "Loading…" : `Project ${selected}`}</option>}
    </>
  );
}

/** The options of a task picker, as {@link ProjectOptions}. */
export function TaskOptions({ tasks, selected }: { tasks: Task[] | undefined; selected: number | null }) {
  const shown = (tasks ?? []).filter((task) => !task.archived || task.id === selected);
  return (
    <>
      {shown.map((task) => (
        <option key={task.id} value={task.id}>
          {task.archived ? `${task.name} (archived)` : task.name}
        </option>
      ))}
      {selected !== null && !shown.some((task) => task.id === selected) && (
        <option value={selected}>{tasks === undefined ? "Loading…" : `Task ${selected}`}</option>
      )}
    </>
  );
}

/** The project's name, for reading an entry aloud or in a list. */
export function projectName(projects: Project[] | undefined, id: number | null): string | null {
  if (id === null) return null;
  return projects?.find((project) => project.id === id)?.name ?? `Project ${id}`;
}
