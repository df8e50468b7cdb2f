import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { orgKeys, type Organization } from "../orgs/organizations";
import { memberKeys, members, type Member, type Role } from "./api";
import { Confirm } from "./Confirm";
import { formatDay } from "./dates";

const RoleNames: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };
const article = (role: Role) => (role === "member" ? "a" : "an");

/**
 * Why a member's role and membership cannot be changed from here, if they cannot; null when they can. The server refuses
 * the same (409 for the last owner, 403 for an admin touching an owner): this says so before anyone tries.
 */
export function lockedBecause(member: Member, actor: Organization["role"], owners: number, isMe: boolean): string | null {
  if (member.role === "owner" && owners === 1)
    return isMe
      ? "You are the only owner: an organization always keeps one owner. Make another member an owner first, then you can step down or leave."
      : "The only owner: an organization always keeps one owner. Make another member an owner first.";
  if (member.role === "owner" && actor !== "owner") return "Only an owner can change or remove an owner.";
  return null;
}

/** The members, each with their role (changeable) and a way to remove them (or to leave, for the person's own row). */
export function MemberList({
  organization,
  list,
  meId,
  timeZone,
  announce,
}: {
  organization: Organization;
  list: Member[];
  meId: number | undefined;
  timeZone: string | undefined;
  announce: (message: string) => void;
}) {
  // Owners come first in the list, so a single owner among those loaded is the only one.
  const owners = list.filter((member) => member.role === "owner").length;
  return (
    <ul className="member-list" aria-label={`Members of ${organization.name}`}>
      {list.map((member) => (
        <MemberRow
          key={member.userId}
          member={member}
          organization={organization}
          isMe={member.userId === meId}
          locked={lockedBecause(member, organization.role, owners, member.userId === meId)}
          timeZone={timeZone}
          announce={announce}
        />
      ))}
    </ul>
  );
}

function MemberRow({
  member,
  organization,
  isMe,
  locked,
  timeZone,
  announce,
}: {
  member: Member;
  organization: Organization;
  isMe: boolean;
  locked: string | null;
  timeZone: string | undefined;
  announce: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const ids = useId();
  const [role, setRole] = useState<Role>(member.role);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => setRole(member.role), [member.role]);
  useEffect(() => {
    if (!confirming && asked.current) opener.current?.focus();
  }, [confirming]);

  const who = isMe ? "You" : member.name;
  const offered: Role[] = organization.role === "owner" || member.role === "owner" ? ["member", "admin", "owner"] : ["member", "admin"];

  const change = useMutation({
    mutationFn: (wanted: Role) => members.changeRole(organization.id, member.userId, wanted),
    onMutate: () => setProblem(null),
    onSuccess: async (changed) => {
      announce(isMe ? `You are now ${article(changed.role)} ${changed.role} of ${organization.name}.` : `${member.name} is now ${article(changed.role)} ${changed.role}.`);
      await queryClient.invalidateQueries({ queryKey: memberKeys.all(organization.id) });
      // One's own role decides what the whole organization shows (the navigation, this very screen).
      if (isMe) await queryClient.invalidateQueries({ queryKey: orgKeys.one(organization.id) });
    },
    onError: (error) => {
      setProblem(toProblem(error));
      setRole(member.role);
    },
  });

  const remove = useMutation({
    mutationFn: () => members.remove(organization.id, member.userId),
    onMutate: () => setProblem(null),
    onSuccess: async () => {
      if (isMe) {
        await queryClient.invalidateQueries({ queryKey: orgKeys.all });
        queryClient.removeQueries({ queryKey: orgKeys.one(organization.id) });
        await navigate("/");
        return;
      }
      setConfirming(false);
      asked.current = false;
      announce(`${member.name} was removed from ${organization.name}.`);
      await queryClient.invalidateQueries({ queryKey: memberKeys.all(organization.id) });
    },
    onError: (error) => setProblem(toProblem(error)),
  });

  const reasonId = locked ? `${ids}-locked` : undefined;
  return (
    <li className="member-row">
      <div className="member-row__person">
        <span className="member-row__name">
          {member.name}
          {isMe && <span className="member-row__you"> (you)</span>}
        </span>
        <span className="member-row__email">{member.email}</span>
      </div>
      <p className="member-row__joined muted">Joined {formatDay(member.joinedAt, timeZone)}</p>
      <form
        className="member-row__role"
        onSubmit={(event) => {
          event.preventDefault();
          if (role !== member.role && !change.isPending) change.mutate(role);
        }}
      >
        <label className="visually-hidden" htmlFor={`${ids}-role`}>
          Role of {member.name}
        </label>
        <select
          id={`${ids}-role`}
          className="field__input field__select member-row__select"
          value={role}
          disabled={locked !== null}
          aria-describedby={reasonId}
          onChange={(event) => setRole(event.target.value as Role)}
        >
          {offered.map((option) => (
            <option key={option} value={option}>
              {RoleNames[option]}
            </option>
          ))}
        </select>
        {role !== member.role && (
          <Button type="submit" variant="secondary" busy={change.isPending}>
            {change.isPending ? "Saving…" : `Make ${isMe ? "me" : "them"} ${role}`}
          </Button>
        )}
      </form>
      <div className="member-row__remove">
        {!confirming && (
          <Button
            ref={opener}
            variant="secondary"
            className="members-danger--quiet"
            disabled={locked !== null}
            aria-label={isMe ? `Leave ${organization.name}` : `Remove ${member.name}`}
            aria-describedby={reasonId}
            onClick={() => {
              asked.current = true;
              setProblem(null);
              setConfirming(true);
            }}
          >
            {isMe ? "Leave…" : "Remove…"}
          </Button>
        )}
      </div>
      {locked && (
        <p className="member-row__locked" id={reasonId}>
          {locked}
        </p>
      )}
      {confirming ? (
        <div className="member-row__confirm">
          <Confirm
            question={
              isMe
                ? `Leave ${organization.name}? You lose access to it at once; to come back, you need a new invitation.`
                : `Remove ${member.name} (${member.email}) from ${organization.name}? ${who} lose${isMe ? "" : "s"} access to it at once.`
            }
            confirm={isMe ? `Yes, leave ${organization.name}` : `Yes, remove ${member.name}`}
            busy={remove.isPending}
            problem={problem}
            onConfirm={() => remove.mutate()}
            onCancel={() => setConfirming(false)}
          />
        </div>
      ) : (
        problem && (
          <div className="member-row__problem">
            <ProblemAlert problem={problem} />
          </div>
        )
      )}
    </li>
  );
}
