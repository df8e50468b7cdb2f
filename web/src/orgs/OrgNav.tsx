import { NavLink } from "react-router";
import type { Organization } from "./organizations";
import { hasRole } from "./useOrganization";

interface Place {
  path: string;
  label: string;
  role: Organization["role"];
}

/** The organization's pages, each shown only to the roles that may use it (the server refuses the others anyway). */
const Places: Place[] = [
  { path: "timesheet", label: "Timesheet", role: "member" },
  { path: "calendar", label: "Calendar", role: "member" },
  { path: "reports", label: "Reports", role: "member" },
  { path: "invoices", label: "Invoices", role: "admin" },
  { path: "catalogue", label: "Projects", role: "admin" },
  { path: "members", label: "Members", role: "admin" },
  { path: "billing", label: "Billing", role: "owner" },
];

/** The second row of navigation on an organization's pages; it scrolls sideways on a phone rather than wrapping. */
export function OrgNav({ organization }: { organization: Organization }) {
  return (
    <nav aria-label={`${organization.name} pages`} className="org-nav">
      {Places.filter((place) => hasRole(organization.role, place.role)).map((place) => (
        <NavLink key={place.path} to={`/orgs/${organization.id}/${place.path}`} className="org-nav__link">
          {place.label}
        </NavLink>
      ))}
    </nav>
  );
}
