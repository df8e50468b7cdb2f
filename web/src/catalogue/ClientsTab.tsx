import { useState } from "react";
import { toProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { catalogue, catalogueKeys, usePagedList, type Client } from "./api";
import { ArchiveButton, EditForm, SaveOrCancel, useArchiveToggle, useCatalogueForm } from "./form";
import { EmptyState, ListEnd, ListTools, matches, required, useFocusReturn } from "./parts";

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
  const [added, setAdded] = useState<string | null>(null);
  const { form, problem, onSubmit, errors, isSubmitting } = useCatalogueForm({
    refreshes: catalogueKeys.clients(orgId),
    send: (values: ClientValues) => catalogue.createClient(orgId, { name: values.name.trim(), email: values.email.trim() || null }),
    defaults: { name: "", email: "" },
    fields,
    saved: (client, { reset, setFocus }) => {
      reset();
      setAdded(`Added ${client.name}. Add a project for it under Projects.`);
      setFocus("name");
    },
  });
  const { register } = form;
  return (
    <form
      className="catalogue__add"
      onSubmit={(event) => {
        setAdded(null);
        void onSubmit(event);
      }}
      noValidate
      aria-label="Add a client"
    >
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
  const editButton = useFocusReturn<HTMLButtonElement>(editing);
  const archive = useArchiveToggle(catalogueKeys.clients(orgId), client.archived, (archived) => catalogue.updateClient(orgId, client.id, { archived }));
  const { problem } = archive;
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
            <ArchiveButton name={client.name} archived={client.archived} archive={archive} />
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
  const { form, problem, onSubmit, errors, isSubmitting } = useCatalogueForm({
    refreshes: catalogueKeys.clients(orgId),
    send: (values: ClientValues) => catalogue.updateClient(orgId, client.id, { name: values.name.trim(), email: values.email.trim() || null }),
    defaults: { name: client.name, email: client.email ?? "" },
    fields,
    saved: onDone,
  });
  const { register } = form;
  return (
    <EditForm label={`Rename ${client.name}`} onSubmit={onSubmit} onCancel={onDone} problem={problem}>
      <div className="catalogue__fields">
        <TextField label="Client name" autoComplete="off" autoFocus error={errors.name?.message} {...register("name", { validate: required("client") })} />
        <TextField label="Billing email (optional)" type="email" autoComplete="off" error={errors.email?.message} {...register("email")} />
        <div className="catalogue__form-actions">
          <SaveOrCancel busy={isSubmitting} onCancel={onDone} />
        </div>
      </div>
    </EditForm>
  );
}
