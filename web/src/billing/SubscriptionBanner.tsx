import { Link, useLocation } from "react-router";
import type { Organization } from "../orgs/organizations";
import { hasRole } from "../orgs/useOrganization";
import "./banner.css";

/** Why the organization is read-only, by its subscription status (none: the trial ended without a subscription). */
function whyReadOnly(status: Organization["billingStatus"]): { reason: string; fix: string } {
  switch (status) {
    case "unpaid":
      return { reason: "Stripe could not collect the subscription's payments", fix: "update the payment method" };
    case "paused":
      return { reason: "The trial ended without a payment method", fix: "add a payment method" };
    case "canceled":
    case "incomplete_expired":
      return { reason: "The subscription has ended", fix: "resubscribe" };
    default:
      return { reason: "The trial has ended", fix: "subscribe" };
  }
}

/**
 * Shown on every page of an organization whose subscription needs attention: a warning while a payment is past due
 * (everything keeps working), a read-only notice while billing freezes it. It says what still works and the way back:
 * owners get a link to Billing (not on Billing itself), everyone else is told to ask an owner.
 */
export function SubscriptionBanner({ organization }: { organization: Organization }) {
  const onBilling = useLocation().pathname.endsWith("/billing");
  const owner = hasRole(organization.role, "owner");
  const billingLink = (text: string) =>
    owner && !onBilling ? (
      <Link className="subscription-banner__action" to={`/orgs/${organization.id}/billing`}>
        {text}
      </Link>
    ) : null;

  if (organization.readOnly) {
    const { reason, fix } = whyReadOnly(organization.billingStatus);
    return (
      <section className="subscription-banner subscription-banner--read-only" aria-label="Billing notice">
        <p className="subscription-banner__title">{organization.name} is read-only</p>
        <p>
          {reason}. You can still read everything and export reports and invoices; new time and changes to members wait until billing is fixed.{" "}
          {owner ? `To use it fully again, ${fix} ${onBilling ? "below" : "on the Billing page"}.` : `Ask an owner of ${organization.name} to ${fix}.`}
        </p>
        {billingLink(fix === "resubscribe" || fix === "subscribe" ? "Go to Billing to resubscribe" : "Go to Billing")}
      </section>
    );
  }
  if (organization.billingStatus === "past_due" || organization.billingWarning) {
    return (
      <section className="subscription-banner subscription-banner--warning" aria-label="Billing notice">
        <p className="subscription-banner__title">A payment failed</p>
        <p>
          Everything keeps working while Stripe retries it.{" "}
          {owner
            ? "Update the payment method in Billing so the subscription does not end."
            : `Ask an owner of ${organization.name} to update the payment method.`}
        </p>
        {billingLink("Go to Billing")}
      </section>
    );
  }
  return null;
}
