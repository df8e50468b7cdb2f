/** The always-visible timer bar of an organization's pages (the timer slice of issue 18 builds it). */
export function TimerBar({ orgId }: { orgId: number }) {
  return <div className="timer-bar" data-org={orgId} hidden />;
}
