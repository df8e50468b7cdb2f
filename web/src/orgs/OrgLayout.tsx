import { Outlet, useParams } from "react-router";
import { TimerBar } from "../timer/TimerBar";

/** An organization's pages: the timer bar above, the page below (the organizations slice of issue 18 builds the rest). */
export function OrgLayout() {
  const orgId = Number(useParams().orgId);
  return (
    <>
      <TimerBar orgId={orgId} />
      <Outlet />
    </>
  );
}

export { OrgLayout as Component };
