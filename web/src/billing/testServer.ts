import { vi } from "vitest";
import { fakeApi, type Route } from "../test/fakeApi";
import { ada, organization, page } from "../orgs/testData";
import type { Organization } from "../orgs/organizations";
import type { Billing } from "./api";

/** A billing answer: no subscription yet, three seats used, one plan on offer; `fields` change it. */
export function billingOf(fields: Partial<Billing> = {}): Billing {
  return {
    status: null,
    plan: null,
    seats: { used: 3, paid: null, members: 2, pendingInvitations: 1 },
    trialEndsAt: null,
    nextBillingDate: null,
    subscriptionEndsAt: null,
    hasCustomer: false,
    warning: null,
    readOnly: false,
    plans: [{ price: "price_team_monthly", name: "Team", amount: 8.5, currency: "EUR", interval: "month" }],
    ...fields,
  };
}

/** Organization 1 (Acme) with `fields`, as the layout, the timer bar and My time load it; `extra` adds routes. */
export function serveOrganization(fields: Partial<Organization> = {}, extra: Record<string, Route> = {}) {
  const org = { ...organization(1, "Acme"), ...fields };
  const api = fakeApi({
    "GET /api/v1/me": [200, ada],
    "GET /api/v1/orgs": [200, [org]],
    "GET /api/v1/orgs/1": [200, org],
    "GET /api/v1/orgs/1/timer": [204],
    "GET /api/v1/orgs/1/projects": [200, page([])],
    "GET /api/v1/orgs/1/clients": [200, page([])],
    "GET /api/v1/orgs/1/time-entries": [200, page([])],
    ...extra,
  });
  vi.stubGlobal("fetch", api.fetch);
  return api;
}
