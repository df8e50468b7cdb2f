import { useState } from "react";
import { useForm } from "react-hook-form";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { catalogue, catalogueKeys, useCatalogueChange, usePagedList, type Client } from "./api";
import { EmptyState, ListEnd, ListTools, matches, placeProblem, required, useFocusReturn } from "./parts";

interface ClientValues {
  name: string;
  email: string;
}

const fields = ["name", "email"] as const;

/** The organization's clients: add, rename, archive and restore. */
export function ClientsTab({ orgId }: { orgId: number }) {
  const [showArchived, setShowArchived] = useState(false);
  const [filter, setFilter] = useState("");
  const list = usePagedList([...catalogueKeys.clients(orgId), "catalogue", showArchived], (cursor) => catalogue.clients(orgId, showArchived, cursor));
  const shown = list.items.filter((client) => matches(client.name, filter));
  return (
    <section className="catalogue__panel" aria-labelledby="clients-title">
      <h2 id="clients-title" className="visually-hidden">
        Clients
      </h2>
      <AddClient orgId={orgId} />
      {list.isPending ? (
        <p className="muted">Loading clients…</p>
      ) : list.isError ? (
        <ProblemAlert problem={toProblem(list.error)} />
      ) : list.items.length === 0 && !showArchived ? (
        <>
          <EmptyState title="No clients yet">Add your first client, then a project for it.</EmptyState>
          <ListTools what="clients" filter={filter} onFilter={setFilter} archived={showArchived} onArchived={setShowArchived} findable={false} />
        </>
      ) : (
        <>
          <ListTools what="clients" filter={filter} onFilter={setFilter} archived={showArchived} onArchived={setShowArchived} />
          {shown.length === 0 ? (
            <p className="muted">{list.items.length === 0 ? "No clients, archived or not." : `No client loaded matches “${filter.trim()}”.`}</p>
          ) : (
            <ul className="catalogue__list" aria-label="Clients">
              {shown.map((client) => (
                <ClientRow key={client.id} orgId={orgId} client={client} />
              ))}
            </ul>
          )}
          <ListEnd
            what="clients"
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

function AddClient({ orgId }: { orgId: number }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const create = useCatalogueChange(catalogueKeys.clients(orgId), (values: ClientValues) =>
    catalogue.createClient(orgId, { name: values.name.trim(), email: values.email.trim() || null }),
  );
  const { register, handleSubmit, setError, reset, setFocus, formState } = useForm<ClientValues>({ defaultValues: { name: "", email: "" } });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setAdded(null);
    try {
      const client = await create.mutateAsync(values);
      reset();
      setAdded(`Added ${client.name}. Add a project for it under Projects.`);
      setFocus("name");
    } catch (error) {
      setProblem(placeProblem(error, setError, fields));
    }
  });
  const { errors, isSubmitting } = formState;
  return (
    <form className="catalogue__add" onSubmit={onSubmit} noValidate aria-label="Add a client">
      <ProblemAlert problem={problem} />
      <div className="catalogue__fields">
        <TextField label="Client name" autoComplete="off" required error={errors.name?.message} {...register("name", { validate: required("client") })} />
        <TextField label="Billing email (optional)" type="email" autoComplete="off" error={errors.email?.message} {...register("email")} />
        <Button type="submit" busy={isSubmitting} className="catalogue__submit">
          {isSubmitting ? "Adding…" : "Add client"}
        </Button>
      </div>
      {added && (
        <p className="catalogue__done" role="status">
          {added}
        </p>
      )}
    </form>
  );
}

function ClientRow({ orgId, client }: { orgId: number; client: Client }) {
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const editButton = useFocusReturn<HTMLButtonElement>(editing);
  const change = useCatalogueChange(catalogueKeys.clients(orgId), (archived: boolean) => catalogue.updateClient(orgId, client.id, { archived }));
  const toggle = async () => {
    setProblem(null);
    try {
      await change.mutateAsync(!client.archived);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  return (
    <li className="catalogue__row" data-archived={client.archived || undefined}>
      {editing ? (
        <EditClient orgId={orgId} client={client} onDone={() => setEditing(false)} />
      ) : (
        <>
          <div className="catalogue__what">
            <span className="catalogue__name">{client.name}</span>
            <span className="catalogue__meta">
              {client.email ?? "No billing email"}
              {client.archived && <span className="catalogue__badge">Archived</span>}
            </span>
          </div>
          <div className="catalogue__actions">
            {!client.archived && (
              <Button variant="quiet" ref={editButton} onClick={() => setEditing(true)} aria-label={`Rename ${client.name}`}>
                Rename
              </Button>
            )}
            <Button variant="quiet" busy={change.isPending} onClick={() => void toggle()} aria-label={`${client.archived ? "Restore" : "Archive"} ${client.name}`}>
              {client.archived ? "Restore" : "Archive"}
            </Button>
          </div>
          {problem && (
            <div className="catalogue__row-problem">
              <ProblemAlert problem={problem} />
            </div>
          )}
        </>
      )}
    </li>
  );
}

function EditClient({ orgId, client, onDone }: { orgId: number; client: Client; onDone: () => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const save = useCatalogueChange(catalogueKeys.clients(orgId), (values: ClientValues) =>
    catalogue.updateClient(orgId, client.id, { name: values.name.trim(), email: values.email.trim() || null }),
  );
  const { register, handleSubmit, setError, formState } = useForm<ClientValues>({ defaultValues: { name: client.name, email: client.email ?? "" } });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      await save.mutateAsync(values);
      onDone();
    } catch (error) {
      setProblem(placeProblem(error, setError, fields));
    }
  });
  const { errors, isSubmitting } = formState;
  return (
    <form
      className="catalogue__edit"
      onSubmit={onSubmit}
      noValidate
      aria-label={`Rename ${client.name}`}
      onKeyDown={(event) => {
        if (event.key === "Escape") onDone();
      }}
    >
      <ProblemAlert problem={problem} />
      <div className="catalogue__fields">
        <TextField label="Client name" autoComplete="off" autoFocus error={errors.name?.message} {...register("name", { validate: required("client") })} />
        <TextField label="Billing email (optional)" type="email" autoComplete="off" error={errors.email?.message} {...register("email")} />
        <div className="catalogue__form-actions">
          <Button type="submit" busy={isSubmitting}>
            {isSubmitting ? "Saving…" : "Save"}
          </Button>
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </div>
    </form>
  );
}
