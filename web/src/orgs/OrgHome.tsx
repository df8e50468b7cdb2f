import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link, Navigate, useParams } from "react-router";
import { Loading } from "../app/Root";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { ClientForm, ProjectForm } from "./GuideForms";
import { LoadFailed } from "./LoadFailed";
import { clientsQuery, firstProjectQuery, organizationQuery, orgKeys, type Client, type Project } from "./organizations";
import "./orgs.css";

/**
 * `/orgs/:orgId`: the first-run guide while the organization has no project (add a client, add a project, start the
 * timer), else straight to My time. Whether to guide is decided once, on arrival: the project the guide itself adds
 * must not whisk the person away before its last step.
 */
export function OrgHome() {
  const orgId = Number(useParams().orgId);
  const organization = useQuery(organizationQuery(orgId));
  const clients = useQuery(clientsQuery(orgId));
  const projects = useQuery(firstProjectQuery(orgId));
  const [guiding, setGuiding] = useState<boolean | null>(null);
  if (guiding === null && projects.data) setGuiding(projects.data.items.length === 0);

  if (guiding === false) return <Navigate to="time" replace />;
  const failed = [organization, clients, projects].find((query) => query.isError);
  if (failed) return <LoadFailed error={failed.error} retry={() => void Promise.all([organization.refetch(), clients.refetch(), projects.refetch()])} />;
  if (!organization.data || !clients.data || !projects.data) return <Loading />;
  return <FirstRunGuide orgId={orgId} name={organization.data.name} mayManage={organization.data.role !== "member"} clients={clients.data.items} projects={projects.data.items} />;
}

type StepState = "done" | "current" | "upcoming";

function FirstRunGuide({ orgId, name, mayManage, clients, projects }: { orgId: number; name: string; mayManage: boolean; clients: Client[]; projects: Project[] }) {
  usePageTitle(`Get started · ${name}`);
  const queryClient = useQueryClient();
  const [skippedClients, setSkippedClients] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  // Set once a step is completed here: the next step's first control takes the focus, which the finished form held.
  const [advanced, setAdvanced] = useState(false);
  const start = useRef<HTMLAnchorElement>(null);

  const clientsDone = clients.length > 0;
  const projectDone = projects.length > 0;
  const clientStep: StepState = clientsDone ? "done" : skippedClients ? "upcoming" : "current";
  const projectStep: StepState = projectDone ? "done" : clientsDone || skippedClients ? "current" : "upcoming";
  const timerStep: StepState = projectDone || !mayManage ? "current" : "upcoming";
  useEffect(() => {
    if (advanced && projectDone) start.current?.focus();
  }, [advanced, projectDone]);

  const clientAdded = (client: Client) => {
    queryClient.setQueryData(orgKeys.clients(orgId), { items: [...clients, client], nextCursor: null });
    void queryClient.invalidateQueries({ queryKey: orgKeys.clients(orgId) });
    setAnnouncement(`Client ${client.name} added. Next: add a project.`);
    setAdvanced(true);
  };
  const projectAdded = (project: Project) => {
    queryClient.setQueryData(orgKeys.projects(orgId), { items: [project], nextCursor: null });
    void queryClient.invalidateQueries({ queryKey: ["orgs", orgId, "projects"] });
    setAnnouncement(`Project ${project.name} added. Next: start the timer.`);
    setAdvanced(true);
  };

  return (
    <section className="page guide" aria-labelledby="guide-title">
      <header className="guide__header">
        <p className="guide__eyebrow">{name}</p>
        <h1 id="guide-title">Get started</h1>
        <p className="muted">
          {mayManage
            ? "Three steps to your first tracked hour: who you work for, what you work on, then the timer."
            : "Its admins set up the clients and projects; you can start tracking right away, and choose a project once there is one."}
        </p>
      </header>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <ol className="guide__steps">
        {mayManage && (
          <>
            <GuideStep number={1} title="Add a client" state={clientStep}
              summary={clientsDone ? `Added ${listNames(clients.map((client) => client.name))}.` : skippedClients ? "Skipped: a project can do without a client." : null}
              description="Who the work is for. Their invoices will be made from the time tracked for them."
            >
              <ClientForm
                orgId={orgId}
                onAdded={clientAdded}
                otherAction={
                  <Button
                    variant="quiet"
                    onClick={() => {
                      setSkippedClients(true);
                      setAdvanced(true);
                    }}
                  >
                    Skip: I do not bill clients
                  </Button>
                }
              />
            </GuideStep>
            <GuideStep number={2} title="Add a project" state={projectStep}
              summary={projectDone ? `Added ${listNames(projects.map((project) => project.name))}.` : null}
              description="What you work on. Time is tracked against a project, and billed at its rate."
            >
              <ProjectForm orgId={orgId} clients={clients} autoFocus={advanced} onAdded={projectAdded} />
            </GuideStep>
          </>
        )}
        <GuideStep number={mayManage ? 3 : 1} title="Start the timer" state={timerStep} summary={null}
          description="The timer bar at the top of every page of the organization: say what you are doing, pick the project, and start."
        >
          <div>
            <Button asChild>
              <Link ref={start} to="time" onClick={focusTimer}>
                Start the timer
              </Link>
            </Button>
          </div>
        </GuideStep>
      </ol>
    </section>
  );
}

function GuideStep({ number, title, state, summary, description, children }: {
  number: number;
  title: string;
  state: StepState;
  summary: string | null;
  description: string;
  children: ReactNode;
}) {
  return (
    <li className={`guide-step guide-step--${state}`} aria-current={state === "current" ? "step" : undefined}>
      <span className="guide-step__marker" aria-hidden="true">
        {state === "done" ? (
          <svg viewBox="0 0 16 16" width="16" height="16" focusable="false">
            <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        ) : (
          number
        )}
      </span>
      <div className="guide-step__body">
        <h2 className="guide-step__title">
          {title}
          {state === "done" && <span className="visually-hidden"> (done)</span>}
        </h2>
        <p className={state === "done" ? "guide-step__summary" : "muted"}>{summary ?? description}</p>
        {state === "current" && children}
      </div>
    </li>
  );
}

/** "A", "A and B", "A, B and 3 more". */
function listNames(names: string[]): string {
  if (names.length <= 2) return names.join(" and ");
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
}

/**
 * The timer bar stays mounted above the organization's pages: once the time page shows, its description field (id
 * `timer-description`, the timer bar's) takes the focus, so the person can type what they are doing at once.
 */
function focusTimer(): void {
  let frames = 0;
  const attempt = () => {
    const field = document.getElementById("timer-description");
    if (field) field.focus();
    else if (++frames < 30) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

export { OrgHome as Component };
