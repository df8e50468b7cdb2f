import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { toProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { SelectField } from "../orgs/SelectField";
import { catalogue, catalogueKeys, usePagedList, type Client, type Project } from "./api";
import { ArchiveButton, EditForm, SaveOrCancel, useArchiveToggle, useCatalogueForm } from "./form";
import { EmptyState, formatRate, ListEnd, ListTools, matches, readRate, required, useFocusReturn, validRate } from "./parts";
import { TaskPanel } from "./TaskPanel";
import { RateHistory } from "../rates/RateHistory";

interface ProjectValues {
  name: string;
  clientId: string;
  hourlyRate: string;
}

const fields = ["name", "clientId", "hourlyRate"] as const;

/** Every client, archived ones too (a project may still be on one), for the pickers and the rows' client names. */
function useAllClients(orgId: number) {
  return useQuery({
    queryKey: [...catalogueKeys.clients(orgId), "catalogue", "every"],
    queryFn: async () => (await catalogue.clients(orgId, true, undefined, 200)).items,
  });
}

const toBody = (values: ProjectValues) => ({
  name: values.name.trim(),
  clientId: values.clientId === "" ? null : Number(values.clientId),
  hourlyRate: readRate(values.hourlyRate),
});

/** The organization's projects: add one (with its client and rate), change it, archive and restore it, and its tasks. */
export function ProjectsTab({ orgId }: { orgId: number }) {
  const [showArchived, setShowArchived] = useState(false);
  const [filter, setFilter] = useState("");
  const clients = useAllClients(orgId);
  const list = usePagedList([...catalogueKeys.projects(orgId), "catalogue", showArchived], (cursor) => catalogue.projects(orgId, showArchived, cursor));
  const clientNames = new Map((clients.data ?? []).map((client) => [client.id, client.name]));
  const shown = list.items.filter((project) => matches(`${project.name} ${clientNames.get(project.clientId ?? 0) ?? ""}`, filter));
  const noClients = clients.isSuccess && clients.data.length === 0;
  return (
    <section className="catalogue__panel" aria-labelledby="projects-title">
      <h2 id="projects-title" className="visually-hidden">
        Projects
      </h2>
      <AddProject orgId={orgId} clients={clients.data ?? []} />
      {list.isPending ? (
        <p className="muted">Loading projects…</p>
      ) : list.isError ? (
        <ProblemAlert problem={toProblem(list.error)} />
      ) : list.items.length === 0 && !showArchived ? (
        <>
          {noClients ? (
            <EmptyState title="No clients yet">
              Add your first client, then a project for it. <Link to={`/orgs/${orgId}/catalogue/clients`}>Add a client</Link>, or add a project without one above.
            </EmptyState>
          ) : (
            <EmptyState title="No projects yet">Add a project above: members track their time on projects, and its rate is what you bill.</EmptyState>
          )}
          <ListTools what="projects" filter={filter} onFilter={setFilter} archived={showArchived} onArchived={setShowArchived} findable={false} />
        </>
      ) : (
        <>
          <ListTools what="projects" filter={filter} onFilter={setFilter} archived={showArchived} onArchived={setShowArchived} />
          {shown.length === 0 ? (
            <p className="muted">{list.items.length === 0 ? "No projects, archived or not." : `No project loaded matches “${filter.trim()}”.`}</p>
          ) : (
            <ul className="catalogue__list" aria-label="Projects">
              {shown.map((project) => (
                <ProjectRow key={project.id} orgId={orgId} project={project} clients={clients.data ?? []} clientName={clientNames.get(project.clientId ?? 0)} />
              ))}
            </ul>
          )}
          <ListEnd
            what="projects"
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

function ProjectFields({
  clients,
  current,
  errors,
  register,
  autoFocus,
}: {
  clients: readonly Client[];
  current: number | null;
  errors: Partial<Record<keyof ProjectValues, { message?: string | undefined }>>;
  register: ReturnType<typeof useForm<ProjectValues>>["register"];
  autoFocus?: boolean;
}) {
  // Archived clients are offered only where already chosen: new work goes to active ones.
  const offered = clients.filter((client) => !client.archived || client.id === current);
  return (
    <>
      <TextField
        label="Project name"
        autoComplete="off"
        required
        autoFocus={autoFocus}
        error={errors.name?.message}
        {...register("name", { validate: required("project") })}
      />
      <SelectField label="Client" error={errors.clientId?.message} {...register("clientId")}>
        <option value="">No client</option>
        {offered.map((client) => (
          <option key={client.id} value={client.id}>
            {client.name}
            {client.archived ? " (archived)" : ""}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Hourly rate (optional)"
        inputMode="decimal"
        autoComplete="off"
        error={errors.hourlyRate?.message}
        {...register("hourlyRate", { validate: validRate })}
      />
    </>
  );
}

function AddProject({ orgId, clients }: { orgId: number; clients: readonly Client[] }) {
  const [added, setAdded] = useState<string | null>(null);
  const { form, problem, onSubmit, errors, isSubmitting } = useCatalogueForm({
    refreshes: catalogueKeys.projects(orgId),
    send: (values: ProjectValues) => catalogue.createProject(orgId, toBody(values)),
    defaults: { name: "", clientId: "", hourlyRate: "" },
    fields,
    saved: (project, { reset, setFocus, getValues }) => {
      // The next project is most often for the same client.
      reset({ name: "", clientId: getValues("clientId"), hourlyRate: "" });
      setAdded(`Added ${project.name}. Open its tasks below to add some, or let members track time on it as it is.`);
      setFocus("name");
    },
  });
  return (
    <form
      className="catalogue__add"
      onSubmit={(event) => {
        setAdded(null);
        void onSubmit(event);
      }}
      noValidate
      aria-label="Add a project"
    >
      <ProblemAlert problem={problem} />
      <div className="catalogue__fields">
        <ProjectFields clients={clients} current={null} errors={errors} register={form.register} />
        <Button type="submit" busy={isSubmitting} className="catalogue__submit">
          {isSubmitting ? "Adding…" : "Add project"}
        </Button>
      </div>
      <p className="field__hint">Without a rate, each member&apos;s rate applies to their time on it. A project&apos;s first rate prices all its time; later changes apply from a day (Rates).</p>
      {added && (
        <p className="catalogue__done" role="status">
          {added}
        </p>
      )}
    </form>
  );
}

function ProjectRow({ orgId, project, clients, clientName }: { orgId: number; project: Project; clients: readonly Client[]; clientName: string | undefined }) {
  const [editing, setEditing] = useState(false);
  const [open, setOpen] = useState(false);
  const [ratesOpen, setRatesOpen] = useState(false);
  const editButton = useFocusReturn<HTMLButtonElement>(editing);
  const archive = useArchiveToggle(catalogueKeys.projects(orgId), project.archived, (archived) => catalogue.updateProject(orgId, project.id, { archived }));
  const { problem } = archive;
  const tasksId = `project-${project.id}-tasks`;
  return (
    <li className="catalogue__row" data-archived={project.archived || undefined}>
      {editing ? (
        <EditProject orgId={orgId} project={project} clients={clients} onDone={() => setEditing(false)} />
      ) : (
        <>
          <div className="catalogue__what">
            <span className="catalogue__name">{project.name}</span>
            <span className="catalogue__meta">
              {clientName ?? "No client"} · {formatRate(project.hourlyRate)}
              {project.archived && <span className="catalogue__badge">Archived</span>}
            </span>
          </div>
          <div className="catalogue__actions">
            <Button variant="quiet" aria-expanded={open} aria-controls={tasksId} onClick={() => setOpen(!open)} aria-label={`Tasks of ${project.name}`}>
              Tasks
            </Button>
            <Button variant="quiet" aria-expanded={ratesOpen} onClick={() => setRatesOpen(!ratesOpen)} aria-label={`Rates of ${project.name}`}>
              Rates
            </Button>
            {!project.archived && (
              <Button variant="quiet" ref={editButton} onClick={() => setEditing(true)} aria-label={`Edit ${project.name}`}>
                Edit
              </Button>
            )}
            <ArchiveButton name={project.name} archived={project.archived} archive={archive} />
          </div>
          {problem && (
            <div className="catalogue__row-problem">
              <ProblemAlert problem={problem} />
            </div>
          )}
        </>
      )}
      {open && <TaskPanel id={tasksId} orgId={orgId} project={project} />}
      {ratesOpen && <RateHistory orgId={orgId} scope={{ projectId: project.id }} title={`Rates of ${project.name}`} />}
    </li>
  );
}

function EditProject({ orgId, project, clients, onDone }: { orgId: number; project: Project; clients: readonly Client[]; onDone: () => void }) {
  const { form, problem, onSubmit, errors, isSubmitting } = useCatalogueForm({
    refreshes: catalogueKeys.projects(orgId),
    send: (values: ProjectValues) => catalogue.updateProject(orgId, project.id, toBody(values)),
    defaults: { name: project.name, clientId: project.clientId === null ? "" : String(project.clientId), hourlyRate: project.hourlyRate?.toString() ?? "" },
    fields,
    saved: onDone,
  });
  return (
    <EditForm label={`Edit ${project.name}`} onSubmit={onSubmit} onCancel={onDone} problem={problem}>
      <div className="catalogue__fields">
        <ProjectFields clients={clients} current={project.clientId} errors={errors} register={form.register} autoFocus />
        <div className="catalogue__form-actions">
          <SaveOrCancel busy={isSubmitting} onCancel={onDone} />
        </div>
      </div>
    </EditForm>
  );
}
