import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { Loading } from "../app/Root";
import { accounts } from "../auth/accounts";
import { useRestoredSession } from "../auth/useSession";
import { Button } from "../components/Button";
import { Logo } from "../components/Logo";

/**
 * The signed-in frame: a header with the brand, the main places and sign-out, then the page. After a load (a reload, a
 * new tab) it shows Loading until the session is restored; signed out (here or in another tab), it goes to sign-in.
 */
export function AppLayout() {
  const { status } = useRestoredSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
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
          <span>TimeTracker</span>
        </NavLink>
        <nav aria-label="Main" className="shell__nav">
          <NavLink to="/" end className="shell__link">
            Timer
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

export { AppLayout as Component };
