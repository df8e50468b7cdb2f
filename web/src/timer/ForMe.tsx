import type { ReactNode } from "react";
import { Loading } from "../app/Root";
import { LoadFailed } from "../orgs/LoadFailed";
import type { Me } from "../orgs/organizations";
import { useMe } from "./queries";

/** A page about the signed-in person's own time: it waits for them (their id and time zone), then renders for them. */
export function ForMe({ children }: { children: (me: Me) => ReactNode }) {
  const me = useMe();
  if (me.isError) return <LoadFailed error={me.error} retry={() => void me.refetch()} />;
  if (me.data === undefined) return <Loading />;
  return children(me.data);
}
