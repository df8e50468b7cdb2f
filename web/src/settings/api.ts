import { queryOptions } from "@tanstack/react-query";
import { api } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type TimerPolicyValues = Schemas["TimerPolicyResponse"];
export type TimerPolicyChange = Schemas["TimerPolicyRequest"];

/** The organization's timer policy: every member may read it, admins and owners change it. */
export const timerPolicyKey = (orgId: number) => ["orgs", orgId, "timer-policy"] as const;

export const timerPolicyQuery = (orgId: number) =>
  queryOptions({
    queryKey: timerPolicyKey(orgId),
    queryFn: () => call(api.GET("/api/v1/orgs/{orgId}/timer-policy", { params: { path: { orgId } } })),
  });

export const saveTimerPolicy = (orgId: number, body: TimerPolicyChange) =>
  call(api.PUT("/api/v1/orgs/{orgId}/timer-policy", { params: { path: { orgId } }, body }));
