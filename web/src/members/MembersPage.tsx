import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Loading } from "../app/Root";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { LoadFailed } from "../orgs/LoadFailed";
import { meQuery, type Organization } from "../orgs/organizations";
import { RequireRole } from "../orgs/RequireRole";
import { useOrganization } from "../orgs/useOrganization";
import { invitationsQuery, membersQuery, seatsQuery, type Seats } from "./api";
import { BillingLink } from "./BillingLink";
import { InviteForm } from "./InviteForm";
import { MemberList } from "./MemberList";
import { PendingInvitations } from "./PendingInvitations";
import { TeamRates } from "../rates/TeamRates";
import "./members.css";

/** `/orgs/:orgId/members` (admins and owners): who is in the team with which role, who is invited, and the seats they take. */
export function MembersPage() {
  return (
    <RequireRole role="admin" title="Members">
      <MembersScreen />
    </RequireRole>
  );
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function MembersScreen() {
  usePageTitle("Members");
  const organization = useOrganization();
  const me = useQuery(meQuery);
  const list = useInfiniteQuery(membersQuery(organization.id));
  const invitations = useQuery(invitationsQuery(organization.id));
  const seats = useQuery(seatsQuery(organization.id));
  const [status, setStatus] = useState("");

  const failed = [list, invitations, seats].find((query) => query.isError);
  if (failed) return <LoadFailed error={failed.error} retry={() => [list, invitations, seats].forEach((query) => void query.refetch())} />;
  if (list.data === undefined || invitations.data === undefined) return <Loading />;
  const people = list.data.pages.flatMap((page) => page.items);
  const timeZone = me.data?.timeZone;
  const alone = people.length === 1 && invitations.data.length === 0 && !list.hasNextPage;

  return (
    <section className="page members" aria-labelledby="members-title">
      <header className="members__header">
        <h1 id="members-title">Members</h1>
        {seats.data && <SeatsSummary seats={seats.data} />}
        <p className="members__status" role="status">
          {status}
        </p>
      </header>
      {seats.data && <SeatsFull seats={seats.data} organization={organization} />}
      <InviteForm organization={organization} timeZone={timeZone} announce={setStatus} />

      <section className="members-card" aria-labelledby="team-title">
        <h2 id="team-title">Team</h2>
        {alone && (
          <div className="empty members__empty">
            <p className="empty__title">Only you so far: invite your team</p>
            <p className="muted">Add their email addresses above. Each invitation holds a seat until it is accepted, revoked or expires.</p>
          </div>
        )}
        <MemberList organization={organization} list={people} meId={me.data?.id} timeZone={timeZone} announce={setStatus} />
        {list.hasNextPage && (
          <div>
            <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {list.isFetchingNextPage ? "Loading…" : "Show more members"}
            </Button>
          </div>
        )}
      </section>

      <TeamRates orgId={organization.id} people={people} />

      <section className="members-card" aria-labelledby="pending-title">
        <h2 id="pending-title">Pending invitations</h2>
        {invitations.data.length === 0 ? (
          <p className="muted">No invitation is waiting for an answer. The ones you send show here until they are accepted.</p>
        ) : (
          <PendingInvitations organization={organization} invitations={invitations.data} timeZone={timeZone} announce={setStatus} />
        )}
      </section>
    </section>
  );
}

/** "5 of 6 seats used": members and pending invitations, against what the subscription pays for. */
function SeatsSummary({ seats }: { seats: Seats }) {
  const parts = `${plural(seats.members, "member", "members")}, ${plural(seats.pendingInvitations, "pending invitation", "pending invitations")}`;
  return (
    <p className="seats">
      {seats.paid === null ? (
        <>
          <span className="seats__count">{plural(seats.used, "seat", "seats")} used</span>
          <span className="seats__parts">
            {parts} · no seat limit
          </span>
        </>
      ) : (
        <>
          <span className="seats__count">
            {seats.used} of {plural(seats.paid, "seat", "seats")} used
          </span>
          <span className="seats__parts">{parts}</span>
        </>
      )}
    </p>
  );
}

/** When every paid seat is taken, inviting is refused: say so before anyone tries, and where seats are added. */
function SeatsFull({ seats, organization }: { seats: Seats; organization: Organization }) {
  if (seats.paid === null || seats.used < seats.paid) return null;
  return (
    <FormAlert tone="info" title={`Every seat is taken (${seats.used} of ${seats.paid})`}>
      <p>Members and pending invitations use every seat the subscription pays for, so a new invitation would be refused.</p>
      <BillingLink organization={organization} seats />
    </FormAlert>
  );
}

export { MembersPage as Component };
