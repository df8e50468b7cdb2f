import type { ReactNode } from "react";
import { Link } from "react-router";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import type { Organization } from "./organizations";
import { hasRole, useOrganization } from "./useOrganization";

const Who: Record<Organization["role"], string> = { member: "members", admin: "admins and owners", owner: "owners" };

/**
 * A page for `role` and above. Anyone else sees why they cannot use it instead of a page that fails on every request:
 * the server refuses them either way (403), this only says so first.
 */
export function RequireRole({ role, title, children }: { role: Organization["role"]; title: string; children: ReactNode }) {
  const organization = useOrganization();
  if (hasRole(organization.role, role)) return children;
  return <NotForYourRole title={title} role={role} organization={organization} />;
}

function NotForYourRole({ title, role, organization }: { title: string; role: Organization["role"]; organization: Organization }) {
  usePageTitle(title);
  return (
    <section className="org-card" aria-labelledby="role-needed-title">
      <h1 id="role-needed-title">{title} is for {Who[role]}</h1>
      <p className="muted">
        You are a {organization.role} of {organization.name}. Ask one of its {Who[role]} if you need something changed here.
      </p>
      <div>
        <Button asChild>
          <Link to={`/orgs/${organization.id}/time`}>Go to my time</Link>
        </Button>
      </div>
    </section>
  );
}
