import { useQuery } from "@tanstack/react-query";
import { Navigate, useNavigation } from "react-router";
import { Loading } from "../app/Root";
import { usePageTitle } from "../components/AuthLayout";
import { chooseOrganization, recallOrganization } from "../orgs/lastOrganization";
import { LoadFailed } from "../orgs/LoadFailed";
import { meQuery, organizationsQuery } from "../orgs/organizations";

/**
 * `/`: opens the organization the person last worked in (if they are still a member), else their first one, else the
 * page that creates one. It never renders a page of its own beyond the wait.
 */
export function Home() {
  usePageTitle("Opening your organization");
  const me = useQuery(meQuery);
  const organizations = useQuery(organizationsQuery);
  const navigation = useNavigation();
  if (me.isError || organizations.isError) return <LoadFailed error={me.error ?? organizations.error} retry={() => void Promise.all([me.refetch(), organizations.refetch()])} />;
  if (me.data === undefined || organizations.data === undefined) return <Loading />;
  // A navigation the person started while this waited (a click in the header, its page still loading) wins over the
  // automatic one, which would otherwise replace it.
  if (navigation.state !== "idle") return <Loading />;
  const target = chooseOrganization(organizations.data, recallOrganization(me.data.id));
  return <Navigate to={target === null ? "/orgs/new" : `/orgs/${target.id}/time`} replace />;
}

export { Home as Component };
