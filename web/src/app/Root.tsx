import { Outlet, isRouteErrorResponse, useRouteError } from "react-router";
import { AuthLayout } from "../components/AuthLayout";

/** The root route: renders the matched page. */
export function Root() {
  return <Outlet />;
}

/** Shown while the first page's chunk loads. */
export function Loading() {
  return (
    <p className="loading" role="status">
      Loading…
    </p>
  );
}

/** Shown when a page fails to load or throws (most often: a new version was deployed and an old chunk is gone). */
export function RouteError() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? ` (${error.status})` : "";
  return (
    <AuthLayout title={`Something went wrong${status}`} intro="Reload the page to try again. If it keeps happening, tell us what you were doing.">
      <p>
        <a href="/">Reload TimeTracker</a>
      </p>
    </AuthLayout>
  );
}
