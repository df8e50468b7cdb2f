import { useState, type ReactNode } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { useCatalogueChange } from "./api";
import { placeProblem } from "./parts";

/** How one catalogue form saves: what it sends, what it refreshes, and where a refusal's fields go. */
interface CatalogueFormOptions<V extends FieldValues, R> {
  /** The query keys the change makes stale. */
  refreshes: readonly unknown[];
  send: (values: V) => Promise<R>;
  defaults: DefaultValues<V>;
  /** The form's fields, so that a problem about one of them shows next to it. */
  fields: readonly Path<V>[];
  /** The field a 409 that names none (a name clash) belongs to. */
  conflictField?: Path<V>;
  /** After a save: reset or close the form, say what happened. */
  saved: (result: R, form: UseFormReturn<V>) => void;
}

/**
 * Every add and edit form of the catalogue: react-hook-form, the change sent and its lists refreshed, and a refusal
 * placed next to its field, or in the form's alert when it concerns none.
 */
export function useCatalogueForm<V extends FieldValues, R>({ refreshes, send, defaults, fields, conflictField, saved }: CatalogueFormOptions<V, R>) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const change = useCatalogueChange(refreshes, send);
  const form = useForm<V>({ defaultValues: defaults });
  const onSubmit = form.handleSubmit(async (values) => {
    setProblem(null);
    try {
      saved(await change.mutateAsync(values), form);
    } catch (error) {
      setProblem(placeProblem(error, form.setError, fields, conflictField));
    }
  });
  return { form, problem, onSubmit, errors: form.formState.errors, isSubmitting: form.formState.isSubmitting };
}

/** A row's edit form: named for what it edits, Escape cancels, the refusal on top. */
export function EditForm({
  label,
  onSubmit,
  onCancel,
  problem,
  className = "catalogue__edit",
  children,
}: {
  label: string;
  onSubmit: () => void;
  onCancel: () => void;
  problem: FormProblem | null;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      onSubmit={onSubmit}
      noValidate
      aria-label={label}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <ProblemAlert problem={problem} />
      {children}
    </form>
  );
}

/** An edit form's two buttons. */
export function SaveOrCancel({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
    <>
      <Button type="submit" busy={busy}>
        {busy ? "Saving…" : "Save"}
      </Button>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </>
  );
}

/**
 * Archiving and restoring one row (a client, a project, a task): the change sent with its lists refreshed, and a
 * refusal kept for the row to show.
 */
export function useArchiveToggle(refreshes: readonly unknown[], archived: boolean, send: (archived: boolean) => Promise<unknown>) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const change = useCatalogueChange(refreshes, send);
  const toggle = async () => {
    setProblem(null);
    try {
      await change.mutateAsync(!archived);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  return { toggle, pending: change.isPending, problem };
}

/** A row's Archive or Restore button, named for the row. */
export function ArchiveButton({ name, archived, archive }: { name: string; archived: boolean; archive: ReturnType<typeof useArchiveToggle> }) {
  return (
    <Button variant="quiet" busy={archive.pending} onClick={() => void archive.toggle()} aria-label={`${archived ? "Restore" : "Archive"} ${name}`}>
      {archived ? "Restore" : "Archive"}
    </Button>
  );
}
