import { Link } from "react-router";
import { FormAlert } from "../components/FormAlert";
import type { Organization } from "./organizations";

/** Why time cannot be changed while the organization is read-only (its subscription ended). */
export const readOnlyReason = (organization: Organization) =>
  `${organization.name} is read-only until its subscription is renewed, so time cannot be changed.`;

/** The notice a page of time shows while the organization is read-only, with the way back: billing for owners. */
export function ReadOnlyNotice({ organization, what }: { organization: Organization; what: string }) {
  if (!organization.readOnly) return null;
  return (
    <FormAlert tone="info" title={`This ${what} is read-only`}>
      <p>
        {readOnlyReason(organization)}{" "}
        {organization.role === "owner" ? <Link to={`/orgs/${organization.id}/billing`}>Renew it on the billing page.</Link> : "An owner can renew it."}
      </p>
    </FormAlert>
  );
}
