import { useEffect, useRef } from "react";
import { NavLink, useLocation } from "react-router";
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
  { path: "approvals", label: "Approvals", role: "admin" },
  { path: "settings", label: "Settings", role: "admin" },
  { path: "billing", label: "Billing", role: "owner" },
];

/** The second row of navigation on an organization's pages; it scrolls sideways on a phone rather than wrapping. */
export function OrgNav({ organization }: { organization: Organization }) {
  const navigation = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // On a phone the row is wider than the screen: bring the current page's link into view, sideways only (never the page).
  // After the paint, when the layout it reads is already done: before it, the read would force one more on every load.
  useEffect(() => {
    const row = navigation.current;
    const current = row?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!row || !current) return;
    const [left, right] = [current.offsetLeft - row.offsetLeft, current.offsetLeft - row.offsetLeft + current.offsetWidth];
    if (left < row.scrollLeft) row.scrollLeft = left;
    else if (right > row.scrollLeft + row.clientWidth) row.scrollLeft = right - row.clientWidth;
  }, [pathname]);
  return (
    <nav ref={navigation} aria-label={`${organization.name} pages`} className="org-nav">
      {Places.filter((place) => hasRole(organization.role, place.role)).map((place) => (
        <NavLink key={place.path} to={`/orgs/${organization.id}/${place.path}`} className="org-nav__link">
          {place.label}
        </NavLink>
      ))}
    </nav>
  );
}
