import { queryOptions } from "@tanstack/react-query";
import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type Billing = Schemas["BillingResponse"];
export type BillingPlan = Schemas["BillingPlanResponse"];
export type BillingStatus = NonNullable<Billing["status"]>;

/** The billing calls the page makes (owners only: the server answers 403 to anyone else). */
export function billingApi(client: ApiClient = api) {
  const path = (id: number) => ({ params: { path: { id } } });
  return {
    get: (id: number) => call(client.GET("/api/v1/orgs/{id}/billing", path(id))),
    checkout: (id: number, price: string | null) => call(client.POST("/api/v1/orgs/{id}/billing/checkout", { ...path(id), body: { price } })),
    portal: (id: number) => call(client.POST("/api/v1/orgs/{id}/billing/portal", path(id))),
  };
}

export const billing = billingApi();

export const billingKeys = { one: (orgId: number) => ["orgs", orgId, "billing"] as const };

export const billingQuery = (orgId: number) => queryOptions({ queryKey: billingKeys.one(orgId), queryFn: () => billing.get(orgId) });

/**
 * The statuses of a subscription Stripe still runs (the server's `SubscriptionState.IsLive`): a Checkout would bill
 * the organization twice, so the page offers the Billing Portal instead.
 */
export const LiveStatuses: readonly BillingStatus[] = ["active", "trialing", "past_due", "unpaid", "paused"];

export const isLive = (status: Billing["status"]) => status !== null && LiveStatuses.includes(status);
