import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, Outlet, useParams } from "react-router";
import { toProblem } from "../api/problem";
import { Loading } from "../app/Root";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { SubscriptionBanner } from "../billing/SubscriptionBanner";
import { TimerBar } from "../timer/TimerBar";
import { rememberOrganization } from "./lastOrganization";
import { LoadFailed } from "./LoadFailed";
import { OrgNav } from "./OrgNav";
import { meQuery, organizationIdOf, organizationQuery } from "./organizations";
import "./orgs.css";

/** `/orgs/:orgId/…`: loads the organization, then its pages below the timer bar; one that is not the person's is not found. */
export function OrgLayout() {
  const orgId = organizationIdOf(useParams().orgId);
  const organization = useQuery({ ...organizationQuery(orgId ?? 0), enabled: orgId !== null });
  const me = useQuery(meQuery);
  const meId = me.data?.id;
  const loadedId = organization.data?.id;

  // Whatever way the person came here (the switcher, a link, a bookmark), this is now the organization `/` reopens.
  useEffect(() => {
    if (meId !== undefined && loadedId !== undefined) rememberOrganization(meId, loadedId);
  }, [meId, loadedId]);

  if (orgId === null || toProblem(organization.error).status === 404) return <OrganizationNotFound />;
  if (organization.isError) return <LoadFailed error={organization.error} retry={() => void organization.refetch()} />;
  if (organization.data === undefined) return <Loading />;
  return (
    <>
      <SubscriptionBanner organization={organization.data} />
      <TimerBar orgId={orgId} />
      <OrgNav organization={organization.data} />
      <Outlet context={organization.data} />
    </>
  );
}

/** The server answers 404 alike for an organization that does not exist and one the person is not a member of. */
function OrganizationNotFound() {
  usePageTitle("Organization not found");
  return (
    <section className="org-card" aria-labelledby="org-missing-title">
      <h1 id="org-missing-title">Organization not found</h1>
      <p className="muted">
        There is no organization at this address that you are a member of. It may have been deleted, you may have left it, or the link may be
        mistyped. To join a team&apos;s organization, ask one of its admins for an invitation.
      </p>
      <div>
        <Button asChild>
          <Link to="/">Go to your organizations</Link>
        </Button>
      </div>
    </section>
  );
}

export { OrgLayout as Component };
