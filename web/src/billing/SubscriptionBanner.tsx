import type { Organization } from "../orgs/organizations";

/** Shown on every page of an organization whose subscription needs attention (past due, canceled); being built (issue 20). */
export function SubscriptionBanner(_: { organization: Organization }) {
  return null;
}
