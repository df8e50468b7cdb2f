import { Navigate, NavLink, Route, Routes } from "react-router";
import { usePageTitle } from "../components/AuthLayout";
import { RequireRole } from "../orgs/RequireRole";
import { useOrganization } from "../orgs/useOrganization";
import { ClientsTab } from "./ClientsTab";
import { ProjectsTab } from "./ProjectsTab";
import { TagsTab } from "./TagsTab";
import "./catalogue.css";

const sections = [
  { path: "projects", label: "Projects" },
  { path: "clients", label: "Clients" },
  { path: "tags", label: "Tags" },
] as const;

/** The catalogue (admins and owners): the clients, projects, tasks and tags members track their time against. */
export function CataloguePage() {
  return (
    <RequireRole role="admin" title="Projects">
      <Catalogue />
    </RequireRole>
  );
}

function Catalogue() {
  const organization = useOrganization();
  usePageTitle("Projects");
  return (
    <div className="page catalogue">
      <header className="catalogue__header">
        <h1>Projects</h1>
        <p className="muted">What {organization.name} tracks time against: clients, their projects and tasks, and tags.</p>
      </header>
      <nav className="catalogue__tabs" aria-label="Catalogue">
        {sections.map((section) => (
          <NavLink key={section.path} to={`/orgs/${organization.id}/catalogue/${section.path}`} className="catalogue__tab">
            {section.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to={`/orgs/${organization.id}/catalogue/projects`} replace />} />
        <Route path="projects" element={<ProjectsTab orgId={organization.id} />} />
        <Route path="clients" element={<ClientsTab orgId={organization.id} />} />
        <Route path="tags" element={<TagsTab orgId={organization.id} />} />
        <Route path="*" element={<Navigate to={`/orgs/${organization.id}/catalogue/projects`} replace />} />
      </Routes>
    </div>
  );
}

export { CataloguePage as Component };
