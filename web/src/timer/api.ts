import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";
import type { DateKey } from "./time";

type Schemas = components["schemas"];
export type TimeEntry = Schemas["TimeEntryResponse"];
export type StartTimer = Schemas["StartTimerRequest"];
export type NewTimeEntry = Schemas["CreateTimeEntryRequest"];
export type TimeEntryChange = Schemas["TimeEntryPatch"];
export type Project = Schemas["ProjectResponse"];
export type Task = Schemas["TaskResponse"];
export type Me = Schemas["MeResponse"];

/**
 * The query keys of the timer slice: one place, so that a mutation invalidates exactly what it changed. They sit under
 * the organization's `["orgs", id, …]` prefixes, so that invalidating an organization's projects (after creating one
 * elsewhere) refreshes the pickers too; the `"picker"` and `"week"` parts keep their data apart from other screens'.
 */
export const timerKeys = {
  me: ["me"] as const,
  timer: (orgId: number) => ["orgs", orgId, "timer"] as const,
  entries: (orgId: number) => ["orgs", orgId, "time-entries"] as const,
  week: (orgId: number, userId: number, monday: DateKey) => ["orgs", orgId, "time-entries", "week", userId, monday] as const,
  projects: (orgId: number) => ["orgs", orgId, "projects", "picker"] as const,
  tasks: (orgId: number, projectId: number) => ["orgs", orgId, "projects", projectId, "tasks", "picker"] as const,
};

// A week rarely has more than a page of entries; the lists are still read to their end.
const pageSize = 200;

/** The calls the timer bar and My time make. */
export function trackingApi(client: ApiClient = api) {
  return {
    me: () => call(client.GET("/api/v1/me")),
    /** The running timer, or null (the server answers 204 when none runs). */
    timer: async (orgId: number): Promise<TimeEntry | null> =>
      (await call(client.GET("/api/v1/orgs/{orgId}/timer", { params: { path: { orgId } } }))) ?? null,
    start: (orgId: number, body: StartTimer) => call(client.POST("/api/v1/orgs/{orgId}/timer/start", { params: { path: { orgId } }, body })),
    /** Starts the timer again with one of the person's entries' details (stopping the running one). */
    continue: (orgId: number, id: number) =>
      call(client.POST("/api/v1/orgs/{orgId}/time-entries/{id}/continue", { params: { path: { orgId, id } } })),
    stop: (orgId: number) => call(client.POST("/api/v1/orgs/{orgId}/timer/stop", { params: { path: { orgId } } })),
    /** The person's entries starting from `from` to `to`, both days included, in their time zone (as the server reads dates). */
    async entries(orgId: number, userId: number, from: DateKey, to: DateKey): Promise<TimeEntry[]> {
      const entries: TimeEntry[] = [];
      let cursor: string | undefined;
      do {
        const query = { from, to, userId, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) };
        const page = await call(client.GET("/api/v1/orgs/{orgId}/time-entries", { params: { path: { orgId }, query } }));
        entries.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return entries;
    },
    create: (orgId: number, body: NewTimeEntry) => call(client.POST("/api/v1/orgs/{orgId}/time-entries", { params: { path: { orgId } }, body })),
    update: (orgId: number, id: number, body: TimeEntryChange) =>
      call(client.PATCH("/api/v1/orgs/{orgId}/time-entries/{id}", { params: { path: { orgId, id } }, body })),
    remove: (orgId: number, id: number) => call(client.DELETE("/api/v1/orgs/{orgId}/time-entries/{id}", { params: { path: { orgId, id } } })),
    /** Archived ones too: an older entry may be on one (the pickers offer them only where already chosen). */
    async projects(orgId: number): Promise<Project[]> {
      const query = { limit: pageSize, includeArchived: true };
      const page = await call(client.GET("/api/v1/orgs/{orgId}/projects", { params: { path: { orgId }, query } }));
      return page.items;
    },
    async tasks(orgId: number, projectId: number): Promise<Task[]> {
      const query = { limit: pageSize, includeArchived: true };
      const page = await call(client.GET("/api/v1/orgs/{orgId}/projects/{projectId}/tasks", { params: { path: { orgId, projectId }, query } }));
      return page.items;
    },
  };
}

export const tracking = trackingApi();
