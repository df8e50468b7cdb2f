import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { Loading } from "../app/Root";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { applyProblem } from "../components/forms";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { rememberOrganization } from "./lastOrganization";
import { meQuery, organizations, organizationsQuery, orgKeys } from "./organizations";
import "./orgs.css";

interface NewOrganizationValues {
  name: string;
}

/**
 * `/orgs/new`: create an organization, then its first-run guide. For someone without any organization it is also the
 * welcome (where `/` sends them), so it says what an organization is for.
 */
export function CreateOrganization() {
  const me = useQuery(meQuery);
  const list = useQuery(organizationsQuery);
  const welcome = list.data?.length === 0;
  const title = welcome ? "Create your organization" : "New organization";
  usePageTitle(title);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<NewOrganizationValues>({ defaultValues: { name: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const organization = await organizations.create({ name: values.name.trim() });
      queryClient.setQueryData(orgKeys.one(organization.id), organization);
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      if (me.data) rememberOrganization(me.data.id, organization.id);
      navigate(`/orgs/${organization.id}`);
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["name"]));
    }
  });

  if (list.isPending) return <Loading />;
  const { errors, isSubmitting } = formState;
  const firstName = me.data?.name.trim().split(/\s+/)[0];
  return (
    <section className="org-card" aria-labelledby="new-org-title">
      {welcome && <p className="org-card__eyebrow">{firstName ? `Welcome, ${firstName}` : "Welcome"}</p>}
      <h1 id="new-org-title">{title}</h1>
      <p className="muted">
        {welcome
          ? "An organization holds your clients, projects and tracked time. Create one for yourself or your team; you can invite people later."
          : "Each organization has its own clients, projects, members and billing."}
      </p>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <ProblemAlert problem={problem} />
        <TextField
          label="Organization name"
          autoComplete="organization"
          required
          hint="Your company, your team, or simply your own name."
          error={errors.name?.message}
          {...register("name", { validate: (value) => value.trim() !== "" || "Enter a name for the organization." })}
        />
        <Button type="submit" busy={isSubmitting} className="button--block">
          {isSubmitting ? "Creating…" : "Create organization"}
        </Button>
      </form>
      {welcome && (
        <p className="org-card__note">
          Joining a team? Open the link in your invitation email instead: it adds you to their organization.
        </p>
      )}
    </section>
  );
}

export { CreateOrganization as Component };
