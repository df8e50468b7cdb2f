import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Navigate, NavLink, Outlet, useLocation, useMatch, useNavigate } from "react-router";
import { Loading } from "../app/Root";
import { accounts } from "../auth/accounts";
import { useRestoredSession } from "../auth/useSession";
import { Button } from "../components/Button";
import { Logo } from "../components/Logo";
import { recallOrganization } from "../orgs/lastOrganization";
import { OrgSwitcher } from "../orgs/OrgSwitcher";
import { meQuery, organizationsQuery } from "../orgs/organizations";


/**
 * The signed-in frame: a header with the brand, the organization, the main places and sign-out, then the page. After a
 * load (a reload, a new tab) it shows Loading until the session is restored; signed out (here or in another tab), it
 * goes to sign-in.
 */
export function AppLayout() {
  const { status } = useRestoredSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organizationId = useCurrentOrganizationId(status === "signed-in");
  // What one account's pages fetched is never shown to whoever signs in next in this tab.
  useEffect(() => {
    if (status === "signed-out") queryClient.clear();
  }, [status, queryClient]);
  if (status === "unknown") return <Loading />;
  if (status === "signed-out") return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <NavLink to="/" className="brand">
          <Logo />
          <span className="brand__name">TimeTracker</span>
        </NavLink>
        <OrgSwitcher currentId={organizationId} />
        <nav aria-label="Main" className="shell__nav">
          <NavLink to={organizationId === null ? "/" : `/orgs/${organizationId}/time`} end className="shell__link">
            My time
          </NavLink>
          <NavLink to="/account" className="shell__link">
            Account
          </NavLink>
        </nav>
        <Button
          variant="quiet"
          onClick={async () => {
            await accounts.signOut();
            navigate("/sign-in", { replace: true });
          }}
        >
          Sign out
        </Button>
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/**
 * The organization the header is about: the one in the address (`/orgs/:orgId/…`), else (on pages of no organization,
 * such as the account, or of one that is not the person's) the one they last worked in, while they are its member.
 */
function useCurrentOrganizationId(signedIn: boolean): number | null {
  const match = useMatch("/orgs/:orgId/*");
  const me = useQuery({ ...meQuery, enabled: signedIn });
  const organizations = useQuery({ ...organizationsQuery, enabled: signedIn });
  const isMember = (id: number | null) => id !== null && (organizations.data === undefined || organizations.data.some((organization) => organization.id === id));
  const inAddress = Number(match?.params.orgId);
  if (Number.isSafeInteger(inAddress) && inAddress > 0 && isMember(inAddress)) return inAddress;
  const remembered = me.data ? recallOrganization(me.data.id) : null;
  return isMember(remembered) ? remembered : null;
}

export { AppLayout as Component };
