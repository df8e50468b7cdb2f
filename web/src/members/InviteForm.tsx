import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { applyProblem } from "../components/forms";
import { TextField } from "../components/TextField";
import { SelectField } from "../orgs/SelectField";
import type { Organization } from "../orgs/organizations";
import { memberKeys, members, type Role } from "./api";
import { MembersProblem } from "./BillingLink";
import { formatDay } from "./dates";

interface InviteValues {
  email: string;
  role: Role;
}

const RoleHints: Record<Role, string> = {
  member: "Members track their own time.",
  admin: "Admins also manage clients, projects, invoices and members.",
  owner: "Owners can do everything, billing included.",
};

/** Invites an address with a role; the server emails the link. Admins invite members and admins, owners anyone. */
export function InviteForm({
  organization,
  timeZone,
  announce,
}: {
  organization: Organization;
  timeZone: string | undefined;
  announce: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, reset, watch, formState } = useForm<InviteValues>({ defaultValues: { email: "", role: "member" } });
  const roles: Role[] = organization.role === "owner" ? ["member", "admin", "owner"] : ["member", "admin"];

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const invitation = await members.invite(organization.id, { email: values.email.trim(), role: values.role });
      reset({ email: "", role: values.role });
      announce(`Invitation sent to ${invitation.email} as ${invitation.role}. The link works until ${formatDay(invitation.expiresAt, timeZone)}.`);
      await queryClient.invalidateQueries({ queryKey: memberKeys.all(organization.id) });
    } catch (error) {
      const refused = toProblem(error);
      // The address is the field at fault: say so under it.
      if (refused.title === "Already a member") setError("email", { type: "server", message: refused.detail ?? refused.title }, { shouldFocus: true });
      else setProblem(applyProblem(refused, setError, ["email", "role"]));
    }
  });

  const { errors, isSubmitting } = formState;
  return (
    <section className="members-card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <form className="invite-form" onSubmit={onSubmit} noValidate>
        <MembersProblem problem={problem} organization={organization} />
        <div className="invite-form__fields">
          <TextField
            label="Email address"
            type="email"
            autoComplete="off"
            required
            hint="They get an email with a link; it works for 7 days."
            error={errors.email?.message}
            {...register("email", { validate: (value) => value.trim() !== "" || "Enter the email address to invite." })}
          />
          <SelectField label="Role" hint={RoleHints[watch("role")]} error={errors.role?.message} {...register("role")}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {role[0]!.toUpperCase() + role.slice(1)}
              </option>
            ))}
          </SelectField>
        </div>
        <div>
          <Button type="submit" busy={isSubmitting}>
            {isSubmitting ? "Sending…" : "Send invitation"}
          </Button>
        </div>
      </form>
    </section>
  );
}
