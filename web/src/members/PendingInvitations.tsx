import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import type { Organization } from "../orgs/organizations";
import { memberKeys, members, type PendingInvitation } from "./api";
import { MembersProblem } from "./BillingLink";
import { Confirm } from "./Confirm";
import { formatDay } from "./dates";

/** The invitations not yet accepted: who, with which role, sent when and by whom, until when; resend or revoke each. */
export function PendingInvitations({
  organization,
  invitations,
  timeZone,
  announce,
}: {
  organization: Organization;
  invitations: PendingInvitation[];
  timeZone: string | undefined;
  announce: (message: string) => void;
}) {
  return (
    <ul className="invitation-list" aria-label="Pending invitations">
      {invitations.map((invitation) => (
        <InvitationRow key={invitation.id} organization={organization} invitation={invitation} timeZone={timeZone} announce={announce} />
      ))}
    </ul>
  );
}

function InvitationRow({
  organization,
  invitation,
  timeZone,
  announce,
}: {
  organization: Organization;
  invitation: PendingInvitation;
  timeZone: string | undefined;
  announce: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const ids = useId();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (!confirming && asked.current) opener.current?.focus();
  }, [confirming]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: memberKeys.all(organization.id) });
  // As the server rules: only owners resend or revoke an invitation to become an owner.
  const locked = invitation.role === "owner" && organization.role !== "owner" ? "Only an owner can resend or revoke an owner invitation." : null;

  const resend = useMutation({
    mutationFn: () => members.resend(organization.id, invitation.id),
    onMutate: () => setProblem(null),
    onSuccess: async (sent) => {
      announce(`Invitation sent again to ${sent.email}; it works until ${formatDay(sent.expiresAt, timeZone)}. The earlier link no longer works.`);
      await refresh();
    },
    onError: (error) => setProblem(toProblem(error)),
  });
  const revoke = useMutation({
    mutationFn: () => members.revoke(organization.id, invitation.id),
    onMutate: () => setProblem(null),
    onSuccess: async () => {
      announce(`Invitation to ${invitation.email} revoked: its link no longer works.`);
      await refresh();
    },
    onError: (error) => setProblem(toProblem(error)),
  });

  const reasonId = locked ? `${ids}-locked` : undefined;
  return (
    <li className="invitation-row">
      <div className="invitation-row__who">
        <span className="invitation-row__email">{invitation.email}</span>
        <span className="role-badge">{invitation.role}</span>
      </div>
      <p className="invitation-row__when muted">
        Sent {formatDay(invitation.createdAt, timeZone)}
        {invitation.invitedByEmail && <> by {invitation.invitedByEmail}</>} · expires {formatDay(invitation.expiresAt, timeZone)}
      </p>
      {!confirming && (
        <div className="members-actions invitation-row__actions">
          <Button
            variant="secondary"
            busy={resend.isPending}
            disabled={locked !== null}
            aria-label={`Resend the invitation to ${invitation.email}`}
            aria-describedby={reasonId}
            onClick={() => resend.mutate()}
          >
            {resend.isPending ? "Sending…" : "Resend"}
          </Button>
          <Button
            ref={opener}
            variant="secondary"
            className="members-danger--quiet"
            disabled={locked !== null}
            aria-label={`Revoke the invitation to ${invitation.email}`}
            aria-describedby={reasonId}
            onClick={() => {
              asked.current = true;
              setProblem(null);
              setConfirming(true);
            }}
          >
            Revoke…
          </Button>
        </div>
      )}
      {locked && (
        <p className="invitation-row__locked" id={reasonId}>
          {locked}
        </p>
      )}
      {confirming ? (
        <div className="invitation-row__confirm">
          <Confirm
            question={`Revoke the invitation to ${invitation.email}? Its link stops working and its seat is freed.`}
            confirm="Yes, revoke it"
            busy={revoke.isPending}
            problem={problem}
            onConfirm={() => revoke.mutate()}
            onCancel={() => setConfirming(false)}
          />
        </div>
      ) : (
        problem && (
          <div className="invitation-row__problem">
            <MembersProblem problem={problem} organization={organization} />
          </div>
        )
      )}
    </li>
  );
}
