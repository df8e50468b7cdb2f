import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { catalogue, catalogueKeys, useCatalogueChange, usePagedList, type Tag } from "./api";
import { EditForm, SaveOrCancel, useCatalogueForm } from "./form";
import { EmptyState, ListEnd, ListTools, matches, required, useFocusReturn } from "./parts";

interface TagValues {
  name: string;
}

const entries = (count: number) => (count === 1 ? "1 time entry" : `${count.toLocaleString()} time entries`);
const carry = (count: number) => `${entries(count)} ${count === 1 ? "carries" : "carry"}`;

/** The organization's tags: add, rename and delete (entries also add them, by naming them). */
export function TagsTab({ orgId }: { orgId: number }) {
  const [filter, setFilter] = useState("");
  const list = usePagedList([...catalogueKeys.tags(orgId), "catalogue"], (cursor) => catalogue.tags(orgId, cursor));
  const shown = list.items.filter((tag) => matches(tag.name, filter));
  return (
    <section className="catalogue__panel" aria-labelledby="tags-title">
      <h2 id="tags-title" className="visually-hidden">
        Tags
      </h2>
      <AddTag orgId={orgId} />
      {list.isPending ? (
        <p className="muted">Loading tags…</p>
      ) : list.isError ? (
        <ProblemAlert problem={toProblem(list.error)} />
      ) : list.items.length === 0 ? (
        <EmptyState title="No tags yet">
          Add tags such as “meeting” or “support” here, or type one on an entry: members pick them when they track time, and reports filter by them.
        </EmptyState>
      ) : (
        <>
          <ListTools what="tags" filter={filter} onFilter={setFilter} />
          {shown.length === 0 ? (
            <p className="muted">No tag loaded matches “{filter.trim()}”.</p>
          ) : (
            <ul className="catalogue__list" aria-label="Tags">
              {shown.map((tag) => (
                <TagRow key={tag.id} orgId={orgId} tag={tag} />
              ))}
            </ul>
          )}
          <ListEnd
            what="tags"
            hasMore={list.hasNextPage}
            loading={list.isFetchingNextPage}
            onMore={() => void list.fetchNextPage()}
            hidden={list.items.length - shown.length}
          />
        </>
      )}
    </section>
  );
}

function AddTag({ orgId }: { orgId: number }) {
  const { form, problem, onSubmit, errors, isSubmitting } = useCatalogueForm({
    refreshes: catalogueKeys.tags(orgId),
    send: (values: TagValues) => catalogue.createTag(orgId, { name: values.name.trim() }),
    defaults: { name: "" },
    fields: ["name"],
    conflictField: "name",
    saved: (_, { reset, setFocus }) => {
      reset();
      setFocus("name");
    },
  });
  return (
    <form className="catalogue__add catalogue__inline" onSubmit={onSubmit} noValidate aria-label="Add a tag">
      <ProblemAlert problem={problem} />
      <TextField label="Tag name" autoComplete="off" required error={errors.name?.message} {...form.register("name", { validate: required("tag") })} />
      <Button type="submit" busy={isSubmitting}>
        {isSubmitting ? "Adding…" : "Add tag"}
      </Button>
    </form>
  );
}

function TagRow({ orgId, tag }: { orgId: number; tag: Tag }) {
  const [mode, setMode] = useState<"view" | "rename" | "delete">("view");
  const renameButton = useFocusReturn<HTMLButtonElement>(mode === "rename");
  const deleteButton = useFocusReturn<HTMLButtonElement>(mode === "delete");
  return (
    <li className="catalogue__row">
      {mode === "rename" ? (
        <RenameTag orgId={orgId} tag={tag} onDone={() => setMode("view")} />
      ) : (
        <>
          <div className="catalogue__what">
            <span className="catalogue__name catalogue__tag">{tag.name}</span>
          </div>
          <div className="catalogue__actions">
            <Button variant="quiet" ref={renameButton} onClick={() => setMode("rename")} aria-label={`Rename tag ${tag.name}`}>
              Rename
            </Button>
            <Button variant="quiet" ref={deleteButton} onClick={() => setMode("delete")} aria-label={`Delete tag ${tag.name}`} aria-expanded={mode === "delete"}>
              Delete
            </Button>
          </div>
          {mode === "delete" && <ConfirmDelete orgId={orgId} tag={tag} onDone={() => setMode("view")} />}
        </>
      )}
    </li>
  );
}

function RenameTag({ orgId, tag, onDone }: { orgId: number; tag: Tag; onDone: () => void }) {
  const { form, problem, onSubmit, errors, isSubmitting } = useCatalogueForm({
    refreshes: catalogueKeys.tags(orgId),
    send: (values: TagValues) => catalogue.updateTag(orgId, tag.id, { name: values.name.trim() }),
    defaults: { name: tag.name },
    fields: ["name"],
    conflictField: "name",
    saved: onDone,
  });
  return (
    <EditForm label={`Rename tag ${tag.name}`} onSubmit={onSubmit} onCancel={onDone} problem={problem} className="catalogue__edit catalogue__inline">
      <TextField
        label="Tag name"
        autoComplete="off"
        autoFocus
        hint="Every entry that carries the tag shows the new name."
        error={errors.name?.message}
        {...form.register("name", { validate: required("tag") })}
      />
      <SaveOrCancel busy={isSubmitting} onCancel={onDone} />
    </EditForm>
  );
}

/**
 * The confirmation of a delete, in the row (no modal: the keyboard stays in the list): how many entries lose the
 * tag, read from the server when it opens, and why it cannot go while one of them is invoiced.
 */
function ConfirmDelete({ orgId, tag, onDone }: { orgId: number; tag: Tag; onDone: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const usage = useQuery({ queryKey: [...catalogueKeys.tags(orgId), tag.id, "usage"], queryFn: () => catalogue.tag(orgId, tag.id), gcTime: 0 });
  const remove = useCatalogueChange(catalogueKeys.tags(orgId), () => catalogue.deleteTag(orgId, tag.id));
  const cancel = useRef<HTMLButtonElement>(null);
  // Again once the count has arrived: that render may have taken focus from Cancel (seen under load).
  useEffect(() => cancel.current?.focus(), [usage.isPending]);
  const titleId = `delete-tag-${tag.id}`;
  const locked = usage.data?.lockedEntries ?? 0;
  const confirm = async () => {
    setProblem(null);
    try {
      await remove.mutateAsync(undefined);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  return (
    <div
      className="catalogue__confirm"
      role="group"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key === "Escape") onDone();
      }}
    >
      <p id={titleId} className="catalogue__confirm-title">
        Delete the tag “{tag.name}”?
      </p>
      <p className="muted" aria-live="polite">
        {usage.isPending
          ? "Counting the entries that carry it…"
          : usage.isError || usage.data === undefined
            ? "Every time entry that carries it loses it. This cannot be undone."
            : usage.data.entries === 0
              ? "No time entry carries it. This cannot be undone."
              : locked > 0
                ? `${carry(usage.data.entries)} it, and ${entries(locked)} of them ${locked === 1 ? "is" : "are"} on an invoice, which locks ` +
                  "them: void that invoice first, or keep the tag."
                : `${carry(usage.data.entries)} it and will lose it. This cannot be undone.`}
      </p>
      <ProblemAlert problem={problem} />
      <div className="catalogue__form-actions">
        {locked === 0 && (
          <Button busy={remove.isPending || usage.isPending} className="catalogue__danger" onClick={() => void confirm()}>
            {remove.isPending ? "Deleting…" : "Delete tag"}
          </Button>
        )}
        <Button variant="secondary" ref={cancel} onClick={onDone}>
          {locked === 0 ? "Cancel" : "Keep the tag"}
        </Button>
      </div>
    </div>
  );
}
