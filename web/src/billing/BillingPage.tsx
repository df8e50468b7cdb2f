import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useSearchParams } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { Loading } from "../app/Root";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { ProblemAlert } from "../components/ProblemAlert";
import { LoadFailed } from "../orgs/LoadFailed";
import { orgKeys, type Organization } from "../orgs/organizations";
import { RequireRole } from "../orgs/RequireRole";
import { useOrganization } from "../orgs/useOrganization";
import { billing, billingQuery, isLive, type Billing, type BillingPlan, type BillingStatus } from "./api";
import { leaveFor } from "./leave";
import "./billing.css";

/** How often the page asks whether Stripe's events have arrived after a Checkout, and for how long before it says so. */
export const Confirming = { every: 2_000, for: 60_000 };

/** `/orgs/:orgId/billing` (owners): the subscription, Subscribe (Stripe Checkout) and Manage billing (the Billing Portal). */
export function BillingPage() {
  return (
    <RequireRole role="owner" title="Billing">
      <BillingOverview />
    </RequireRole>
  );
}

function BillingOverview() {
  usePageTitle("Billing");
  const organization = useOrganization();
  const queryClient = useQueryClient();
  const [search] = useSearchParams();
  const returned = search.get("checkout");
  const [waitedTooLong, setWaitedTooLong] = useState(false);
  const query = useQuery({
    ...billingQuery(organization.id),
    // Back from Checkout, the subscription is Stripe's word, which comes by webhook: ask until it is in, for a while.
    refetchInterval: (current) => (returned === "success" && !waitedTooLong && !isLive(current.state.data?.status ?? null) ? Confirming.every : false),
  });
  const data = query.data;
  const confirmed = data !== undefined && isLive(data.status);

  useEffect(() => {
    if (returned !== "success" || confirmed) return;
    const timer = setTimeout(() => setWaitedTooLong(true), Confirming.for);
    return () => clearTimeout(timer);
  }, [returned, confirmed]);

  // The banner and the timer read the organization: once billing changed, they follow.
  const status = data?.status;
  useEffect(() => {
    if (status !== undefined && status !== organization.billingStatus) void queryClient.invalidateQueries({ queryKey: orgKeys.one(organization.id) });
  }, [status, organization.billingStatus, organization.id, queryClient]);

  return (
    <section className="page billing" aria-labelledby="billing-title">
      <header className="billing__header">
        <h1 id="billing-title">Billing</h1>
        <p className="muted">The subscription of {organization.name}, paid through Stripe.</p>
      </header>
      {returned === "success" && (
        <CheckoutOutcome
          confirmed={confirmed}
          status={data?.status ?? null}
          waitedTooLong={waitedTooLong}
          checkAgain={() => {
            setWaitedTooLong(false);
            void query.refetch();
          }}
        />
      )}
      {returned === "canceled" && !confirmed && (
        <FormAlert tone="info" title="Checkout was canceled">
          <p>Nothing was charged. Subscribe whenever you are ready.</p>
        </FormAlert>
      )}
      {query.isError && data === undefined ? (
        <LoadFailed error={query.error} retry={() => void query.refetch()} />
      ) : data === undefined ? (
        <Loading />
      ) : (
        <>
          <Summary data={data} />
          <Actions data={data} organization={organization} />
        </>
      )}
    </section>
  );
}

function CheckoutOutcome(props: { confirmed: boolean; status: Billing["status"]; waitedTooLong: boolean; checkAgain: () => void }) {
  if (props.confirmed)
    return (
      <FormAlert tone="success" title={props.status === "trialing" ? "Your trial has started" : "Your subscription is active"}>
        <p>Thank you. Stripe confirmed the payment details.</p>
      </FormAlert>
    );
  if (!props.waitedTooLong)
    return (
      <FormAlert tone="info" title="Confirming your payment…">
        <p>Stripe is confirming the subscription with us. This page updates by itself, usually within a few seconds.</p>
      </FormAlert>
    );
  return (
    <FormAlert tone="info" title="This is taking longer than usual">
      <p>
        Stripe has not confirmed the subscription to us yet. If you completed the payment, nothing is lost: the confirmation is retried and this
        page shows it once it arrives. Check again in a minute.
      </p>
      <div>
        <Button variant="secondary" onClick={props.checkAgain}>
          Check again
        </Button>
      </div>
    </FormAlert>
  );
}

const StatusLabels: Record<BillingStatus, string> = {
  active: "Active",
  trialing: "Trial",
  past_due: "Payment past due",
  canceled: "Canceled",
  unpaid: "Unpaid",
  paused: "Paused",
  incomplete: "Awaiting the first payment",
  incomplete_expired: "Checkout expired",
};

const StatusTones: Record<BillingStatus, "good" | "warn" | "bad"> = {
  active: "good",
  trialing: "good",
  past_due: "warn",
  incomplete: "warn",
  canceled: "bad",
  unpaid: "bad",
  paused: "bad",
  incomplete_expired: "bad",
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "long" });
const day = (instant: string | null) => (instant === null ? null : dateFormat.format(new Date(instant)));

/** The plan as people read it: its configured name and price, else Stripe's id. */
export function describePlan(plan: BillingPlan): string {
  const name = plan.name ?? plan.price;
  if (plan.amount === null || plan.currency === null) return name;
  const amount = new Intl.NumberFormat(undefined, { style: "currency", currency: plan.currency }).format(plan.amount);
  return `${name}, ${amount} per seat${plan.interval ? ` per ${plan.interval}` : ""}`;
}

function Summary({ data }: { data: Billing }) {
  const tone = data.status === null ? "none" : StatusTones[data.status];
  return (
    <section className="billing__card" aria-labelledby="billing-summary-title">
      <h2 id="billing-summary-title">Subscription</h2>
      <dl className="billing__facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`billing__status billing__status--${tone}`}>{data.status === null ? "No subscription" : StatusLabels[data.status]}</span>
          </dd>
        </div>
        <div>
          <dt>Plan</dt>
          <dd>{data.plan === null ? "None" : describePlan(data.plan)}</dd>
        </div>
        <div>
          <dt>Seats</dt>
          <dd>{data.seats.paid === null ? `${data.seats.used} used` : `${data.seats.used} used of ${data.seats.paid} paid`}</dd>
        </div>
        <div>
          <dt>Trial ends</dt>
          <dd>{day(data.trialEndsAt) ?? "No trial"}</dd>
        </div>
        <div>
          <dt>Next billing date</dt>
          <dd>{day(data.nextBillingDate) ?? "Nothing scheduled"}</dd>
        </div>
        {data.subscriptionEndsAt !== null && (
          <div>
            <dt>{data.status === "canceled" ? "Ended" : "Ends"}</dt>
            <dd>{day(data.subscriptionEndsAt)}</dd>
          </div>
        )}
      </dl>
      {data.warning && <p className="billing__warning">{data.warning}</p>}
    </section>
  );
}

function Actions({ data, organization }: { data: Billing; organization: Organization }) {
  const offersCheckout = !isLive(data.status);
  return (
    <div className="billing__actions">
      {offersCheckout && <Subscribe data={data} organization={organization} />}
      {data.hasCustomer && <ManageBilling orgId={organization.id} primary={!offersCheckout} />}
    </div>
  );
}

/** A failed call to Stripe stays on screen with its detail, which carries Stripe's request id for their support. */
function useLeaveFor(start: () => Promise<{ url: string }>, failed: string) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const mutation = useMutation({
    mutationFn: start,
    onMutate: () => setProblem(null),
    onSuccess: (session) => leaveFor(session.url),
    onError: (error) => setProblem({ ...toProblem(error), title: `${failed}: ${toProblem(error).title}` }),
  });
  // Busy until the browser has left (success), so that a second press cannot start a second session.
  return { problem, busy: mutation.isPending || mutation.isSuccess, run: () => mutation.mutate() };
}

function Subscribe({ data, organization }: { data: Billing; organization: Organization }) {
  const [chosen, setChosen] = useState(data.plans[0]?.price ?? null);
  const checkout = useLeaveFor(() => billing.checkout(organization.id, chosen), "Checkout did not start");
  const legend = useId();
  const again = data.status !== null;
  return (
    <section className="billing__card" aria-labelledby="billing-subscribe-title">
      <h2 id="billing-subscribe-title">{again ? "Subscribe again" : "Subscribe"}</h2>
      {data.plans.length === 0 ? (
        <p className="muted">
          This server sells no plan yet: its operator has not set the Stripe prices (<code>Billing:Prices</code>).
        </p>
      ) : (
        <>
          <p>
            Checkout at Stripe bills one seat per member and pending invitation: {data.seats.used} {data.seats.used === 1 ? "seat" : "seats"}{" "}
            now. You come back here when it is done.
          </p>
          {data.plans.length > 1 && (
            <fieldset className="billing__plans" aria-labelledby={legend}>
              <legend id={legend}>Plan</legend>
              {data.plans.map((plan) => (
                <label key={plan.price} className="billing__plan">
                  <input type="radio" name="plan" value={plan.price} checked={chosen === plan.price} onChange={() => setChosen(plan.price)} />
                  {describePlan(plan)}
                </label>
              ))}
            </fieldset>
          )}
          {data.plans.length === 1 && data.plans[0] && <p className="muted">Plan: {describePlan(data.plans[0])}</p>}
          <div>
            <Button busy={checkout.busy} onClick={checkout.run}>
              {again ? "Resubscribe" : "Subscribe"}
            </Button>
          </div>
        </>
      )}
      <ProblemAlert problem={checkout.problem} />
    </section>
  );
}

function ManageBilling({ orgId, primary }: { orgId: number; primary: boolean }) {
  const portal = useLeaveFor(() => billing.portal(orgId), "The billing portal did not open");
  return (
    <section className="billing__card" aria-labelledby="billing-manage-title">
      <h2 id="billing-manage-title">Manage billing</h2>
      <p>Change the plan or the payment method, see and download invoices, or cancel, in Stripe&apos;s billing portal.</p>
      <div>
        <Button variant={primary ? "primary" : "secondary"} busy={portal.busy} onClick={portal.run}>
          Manage billing
        </Button>
      </div>
      <ProblemAlert problem={portal.problem} />
    </section>
  );
}

export { BillingPage as Component };
