import { queryOptions } from "@tanstack/react-query";
import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import { toProblem } from "../api/problem";
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type Organization = Schemas["OrganizationResponse"];
export type Me = Schemas["MeResponse"];
export type Client = Schemas["ClientResponse"];
export type Project = Schemas["ProjectResponse"];

/** The API's largest page: the first-run guide's client picker wants every client of a new organization in one go. */
const PageLimit = 200;

/** The organizations calls the screens make. */
export function organizationsApi(client: ApiClient = api) {
  return {
    me: () => call(client.GET("/api/v1/me")),
    list: () => call(client.GET("/api/v1/orgs")),
    get: (id: number) => call(client.GET("/api/v1/orgs/{id}", { params: { path: { id } } })),
    create: (body: Schemas["CreateOrganizationRequest"]) => call(client.POST("/api/v1/orgs", { body })),
    clients: (orgId: number) => call(client.GET("/api/v1/orgs/{orgId}/clients", { params: { path: { orgId }, query: { limit: PageLimit } } })),
    createClient: (orgId: number, body: Schemas["CreateClientRequest"]) =>
      call(client.POST("/api/v1/orgs/{orgId}/clients", { params: { path: { orgId } }, body })),
    // One is enough to know whether the organization has any: the guide shows while it has none.
    projects: (orgId: number) => call(client.GET("/api/v1/orgs/{orgId}/projects", { params: { path: { orgId }, query: { limit: 1 } } })),
    createProject: (orgId: number, body: Schemas["CreateProjectRequest"]) =>
      call(client.POST("/api/v1/orgs/{orgId}/projects", { params: { path: { orgId } }, body })),
    acceptInvitation: (token: string) => call(client.POST("/api/v1/invitations/accept", { body: { token } })),
  };
}

export const organizations = organizationsApi();

/** The organization id of an address's `:orgId`, or null when it cannot be one (the page then says it is not found). */
export function organizationIdOf(raw: string | undefined): number | null {
  return raw !== undefined && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : null;
}

/** The query keys of this slice, so that a change invalidates exactly what it changed. */
export const orgKeys = {
  me: ["me"] as const,
  all: ["orgs", "list"] as const,
  one: (id: number) => ["orgs", id] as const,
  clients: (id: number) => ["orgs", id, "clients"] as const,
  projects: (id: number) => ["orgs", id, "projects", "first"] as const,
};

/** A refusal (404 for an organization that is not the person's) is the answer: asking again would only delay saying so. */
function retryUnlessRefused(failures: number, error: unknown): boolean {
  const status = toProblem(error).status;
  return failures < 2 && (status === null || status >= 500);
}

export const meQuery = queryOptions({ queryKey: orgKeys.me, queryFn: () => organizations.me(), retry: retryUnlessRefused });

export const organizationsQuery = queryOptions({ queryKey: orgKeys.all, queryFn: () => organizations.list(), retry: retryUnlessRefused });

export const organizationQuery = (id: number) =>
  queryOptions({ queryKey: orgKeys.one(id), queryFn: () => organizations.get(id), retry: retryUnlessRefused });

export const clientsQuery = (orgId: number) => queryOptions({ queryKey: orgKeys.clients(orgId), queryFn: () => organizations.clients(orgId) });

export const firstProjectQuery = (orgId: number) => queryOptions({ queryKey: orgKeys.projects(orgId), queryFn: () => organizations.projects(orgId) });
