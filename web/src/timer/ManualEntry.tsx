import * as Label from "@radix-ui/react-label";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { applyProblem } from "../components/forms";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { tracking, type Project, type TimeEntry } from "./api";
import { ProjectOptions, TaskOptions } from "./pickers";
import { useTasks } from "./queries";
import { addDays, instantAt, parseTags, type DateKey } from "./time";

interface ManualValues {
  date: DateKey;
  startedAt: string;
  endedAt: string;
  description: string;
  projectId: string;
  taskId: string;
  tags: string;
  billable: boolean;
}

export interface ManualEntryProps {
  orgId: number;
  timeZone: string;
  projects: Project[] | undefined;
  /** The day the form starts on (today, or the shown week's Monday). */
  day: DateKey;
  onSaved(entry: TimeEntry): void;
  onCancel(): void;
}

/** Time recorded by hand: a day, a start and an end in the person's time zone (an end before the start is the next day). */
export function ManualEntry({ orgId, timeZone, projects, day, onSaved, onCancel }: ManualEntryProps) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, formState, watch, setValue, getFieldState } = useForm<ManualValues>({
    defaultValues: { date: day, startedAt: "09:00", endedAt: "10:00", description: "", projectId: "", taskId: "", tags: "", billable: false },
  });
  const projectId = watch("projectId") === "" ? null : Number(watch("projectId"));
  const tasks = useTasks(orgId, projectId);
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    const start = instantAt(values.date, values.startedAt, timeZone);
    let end = instantAt(values.date, values.endedAt, timeZone);
    if (end <= start) end = instantAt(addDays(values.date, 1), values.endedAt, timeZone);
    try {
      const entry = await tracking.create(orgId, {
        startedAt: start.toISOString(),
        endedAt: end.toISOString(),
        description: values.description.trim() || null,
        projectId,
        taskId: values.taskId === "" ? null : Number(values.taskId),
        tags: parseTags(values.tags),
        ...(getFieldState("billable").isDirty ? { billable: values.billable } : {}),
      });
      onSaved(entry);
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["startedAt", "endedAt", "description", "projectId", "taskId", "tags"]));
    }
  });

  return (
    <form className="manual" aria-labelledby="manual-title" onSubmit={onSubmit} noValidate>
      <h2 id="manual-title" className="manual__wide">
        Add time
      </h2>
      <div className="manual__wide">
        <ProblemAlert problem={problem} />
      </div>
      <TextField label="Date" type="date" required error={errors.date?.message} {...register("date", { required: "Choose the day." })} />
      <TextField label="Start" type="time" required error={errors.startedAt?.message} {...register("startedAt", { required: "Enter when you started." })} />
      <TextField label="End" type="time" required error={errors.endedAt?.message} {...register("endedAt", { required: "Enter when you stopped." })} />
      <div className="manual__wide">
        <TextField label="Description" autoComplete="off" error={errors.description?.message} {...register("description")} />
      </div>
      <div className="field">
        <Label.Root className="field__label" htmlFor="manual-project">
          Project
        </Label.Root>
        <select
          id="manual-project"
          className="field__select"
          value={watch("projectId")}
          {...register("projectId", {
            onChange: (event: React.ChangeEvent<HTMLSelectElement>) => {
              setValue("taskId", "");
              if (!getFieldState("billable").isDirty) setValue("billable", event.target.value !== "");
            },
          })}
        >
          <option value="">No project</option>
          <ProjectOptions projects={projects} selected={projectId} />
        </select>
        {errors.projectId && <p className="field__error">{errors.projectId.message}</p>}
      </div>
      <div className="field">
        <Label.Root className="field__label" htmlFor="manual-task">
          Task
        </Label.Root>
        <select id="manual-task" className="field__select" disabled={projectId === null} value={watch("taskId")} {...register("taskId")}>
          <option value="">No task</option>
          <TaskOptions tasks={tasks.data} selected={watch("taskId") === "" ? null : Number(watch("taskId"))} />
        </select>
        {errors.taskId && <p className="field__error">{errors.taskId.message}</p>}
      </div>
      <TextField label="Tags" hint="Separate tags with commas." autoComplete="off" error={errors.tags?.message} {...register("tags")} />
      <label className="check">
        <input type="checkbox" {...register("billable")} />
        Billable
      </label>
      <div className="manual__actions">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" busy={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save entry"}
        </Button>
      </div>
    </form>
  );
}
