import type { QueryClient } from "@tanstack/react-query";
import type { LoaderFunction } from "react-router";
import { keeper } from "../auth/keeper";
import { session } from "../auth/session";
import { meQuery, organizationIdOf, organizationQuery, organizationsQuery, type Me } from "../orgs/organizations";
import { weekFromParams } from "../timer/MyTime";
import { projectsQuery, runningTimerQuery, weekQuery } from "../timer/queries";
import { dayOf } from "../timer/time";

/** The loaders of a page's first load: the organization's frame (every page of it), and the timer page's week. */
export interface FirstLoadLoaders {
  organization: LoaderFunction;
  timePage: LoaderFunction;
}

/**
 * Loaders for the page's load only (a reload, a new tab, a bookmark): they restore the session and fetch, together,
 * what the signed-in frame shows on every organization page (the person, their organizations, this one, its running
 * timer and projects), and on the timer page the week's entries too, while the page still says Loading. The page then
 * renders once, with everything, in a transition that yields to the browser, instead of re-rendering in one blocking
 * task as each answer comes (Lighthouse counted those as Total Blocking Time), and without the header rearranging
 * itself when the organizations arrive (a layout shift of 0.29 on the report page on a phone). Later navigations keep
 * each part's own loading state: once the first load has settled the loaders do nothing. A failure is left in the
 * cache for the component that shows it (prefetch never throws).
 */
export function firstLoadLoaders(client: QueryClient): FirstLoadLoaders {
  // The first load's frame, shared by the organization's loader and the page's, which the router runs at once.
  let frame: Promise<Me | null> | undefined;
  let settled = false;
  const loadFrame = (orgId: number | null): Promise<Me | null> | null => {
    if (settled) return null;
    if (frame === undefined) {
      if (session.current.status !== "unknown") {
        settled = true;
        return null;
      }
      frame = (async () => {
        await keeper.restore();
        if (!session.signedIn || orgId === null) return null;
        const [me] = await Promise.all([
          client.fetchQuery(meQuery).catch(() => null),
          client.prefetchQuery(organizationsQuery),
          client.prefetchQuery(organizationQuery(orgId)),
          client.prefetchQuery(runningTimerQuery(orgId)),
          client.prefetchQuery(projectsQuery(orgId)),
        ]);
        return me;
      })().finally(() => {
        settled = true;
      });
    }
    return frame;
  };
  return {
    organization: async ({ params }) => {
      await loadFrame(organizationIdOf(params.orgId));
      return null;
    },
    timePage: async ({ params, request }) => {
      const orgId = organizationIdOf(params.orgId);
      const me = await loadFrame(orgId);
      if (me && orgId !== null) {
        const monday = weekFromParams(new URL(request.url).searchParams, dayOf(Date.now(), me.timeZone));
        await client.prefetchQuery(weekQuery(orgId, me.id, monday));
      }
      return null;
    },
  };
}
