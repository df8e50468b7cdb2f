import { Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { accounts } from "../auth/accounts";
import { useSession } from "../auth/useSession";
import { Button } from "../components/Button";
import { Logo } from "../components/Logo";

/** The signed-in frame: a header with the brand, the main places and sign-out, then the page. */
export function AppLayout() {
  const { accessToken } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (accessToken === null) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
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
