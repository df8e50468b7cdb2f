import { Link } from "react-router";
import type { FormProblem } from "../api/problem";
import { ProblemAlert } from "../components/ProblemAlert";
import type { Organization } from "../orgs/organizations";

/** Whether billing is the way out of `problem`: no seat left (409), or membership changes frozen by billing (402). */
export function needsBilling(problem: FormProblem | null): boolean {
  return problem !== null && (problem.status === 402 || problem.title === "No seat left");
}

/** Where seats are added: the Billing page for owners; admins are told whom to ask. */
export function BillingLink({ organization, seats }: { organization: Organization; seats: boolean }) {
  if (organization.role !== "owner")
    return <p>{seats ? "Ask an owner to add seats, or remove a member or a pending invitation." : "Ask an owner to fix billing."}</p>;
  return (
    <p>
      <Link to={`/orgs/${organization.id}/billing`}>{seats ? "Add seats in Billing" : "Fix billing"}</Link>
      {seats ? ", or remove a member or a pending invitation." : "."}
    </p>
  );
}

/** A refused call's problem, with the way to Billing when that is what it needs. */
export function MembersProblem({ problem, organization }: { problem: FormProblem | null; organization: Organization }) {
  if (problem === null) return null;
  if (!needsBilling(problem)) return <ProblemAlert problem={problem} />;
  return (
    <ProblemAlert problem={problem}>
      <BillingLink organization={organization} seats={problem.status !== 402} />
    </ProblemAlert>
  );
}
