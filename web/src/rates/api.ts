import { useQuery } from "@tanstack/react-query";
import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type Rate = Schemas["RateResponse"];
export type RateRequest = Schemas["SetRateRequest"];
export type Repricing = Schemas["RepriceResponse"];
export type RepriceRequest = Schemas["RepriceRequest"];

/** The level a history belongs to: the organization's default (neither), a member, a project, or a member on a project. */
export interface RateScope {
  projectId?: number;
  userId?: number;
}

/** The rate calls. */
export function ratesApi(client: ApiClient = api) {
  return {
    history: (orgId: number, scope: RateScope) =>
      call(
        client.GET("/api/v1/orgs/{orgId}/rates", {
          params: { path: { orgId }, query: { level: levelOf(scope), ...scope, limit: 200 } },
        }),
      ),
    set: (orgId: number, body: RateRequest) => call(client.POST("/api/v1/orgs/{orgId}/rates", { params: { path: { orgId } }, body })),
    remove: (orgId: number, id: number) => call(client.DELETE("/api/v1/orgs/{orgId}/rates/{id}", { params: { path: { orgId, id } } })),
    reprice: (orgId: number, body: RepriceRequest) => call(client.POST("/api/v1/orgs/{orgId}/rates/reprice", { params: { path: { orgId } }, body })),
  };
}

export const rates = ratesApi();

export function levelOf(scope: RateScope): Rate["level"] {
  if (scope.projectId !== undefined) return scope.userId !== undefined ? "projectMember" : "project";
  return scope.userId !== undefined ? "member" : "organization";
}

export const rateKeys = {
  all: (orgId: number) => ["orgs", orgId, "rates"] as const,
  history: (orgId: number, scope: RateScope) => ["orgs", orgId, "rates", levelOf(scope), scope.projectId ?? null, scope.userId ?? null] as const,
};

/** The history of one level, newest change first. */
export function useRateHistory(orgId: number, scope: RateScope) {
  return useQuery({ queryKey: rateKeys.history(orgId, scope), queryFn: async () => (await rates.history(orgId, scope)).items });
}

/** Today as the API takes a date (the browser's calendar; the server reads dates in the admin's own time zone). */
export function today(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** An amount of money as people read it. */
export const money = (amount: number) => amount.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A rate as people read it: "85.00 / h", or "No rate". */
export const formatRate = (rate: number | null | undefined) => (rate === null || rate === undefined ? "No rate" : `${money(rate)} / h`);
