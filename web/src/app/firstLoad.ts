import type { QueryClient } from "@tanstack/react-query";
import type { LoaderFunction } from "react-router";
import { keeper } from "../auth/keeper";
import { session } from "../auth/session";
import { meQuery, organizationIdOf, organizationQuery, organizationsQuery } from "../orgs/organizations";
import { weekFromParams } from "../timer/MyTime";
import { projectsQuery, runningTimerQuery, weekQuery } from "../timer/queries";
import { dayOf } from "../timer/time";

/**
 * The timer page's loader, for the page's load only (a reload, a new tab, a bookmark): it restores the session and
 * fetches what the page shows (the person, their organizations, this one, its running timer and projects, then the
 * week's entries) together, while the page still says Loading. The page then renders once, with everything, in a
 * transition that yields to the browser, instead of re-rendering in one blocking task as each answer comes (Lighthouse
 * counted those as Total Blocking Time). Later navigations keep each part's own loading state: the loader does nothing
 * once the session is known. A failure is left in the cache for the component that shows it (prefetch never throws).
 */
export function timePageLoader(client: QueryClient): LoaderFunction {
  return async ({ params, request }) => {
    if (session.current.status !== "unknown") return null;
    await keeper.restore();
    const orgId = organizationIdOf(params.orgId);
    if (!session.signedIn || orgId === null) return null;
    const [me] = await Promise.all([
      client.fetchQuery(meQuery).catch(() => null),
      client.prefetchQuery(organizationsQuery),
      client.prefetchQuery(organizationQuery(orgId)),
      client.prefetchQuery(runningTimerQuery(orgId)),
      client.prefetchQuery(projectsQuery(orgId)),
    ]);
    if (me !== null) {
      const monday = weekFromParams(new URL(request.url).searchParams, dayOf(Date.now(), me.timeZone));
      await client.prefetchQuery(weekQuery(orgId, me.id, monday));
    }
    return null;
  };
}
