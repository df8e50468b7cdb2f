import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type Client = Schemas["ClientResponse"];
export type Project = Schemas["ProjectResponse"];
export type Task = Schemas["TaskResponse"];
export type Tag = Schemas["TagResponse"];
export type TagUsage = Schemas["TagUsageResponse"];
export type ClientChange = Schemas["ClientPatch"];
export type ProjectChange = Schemas["ProjectPatch"];
export type TaskChange = Schemas["TaskPatch"];

/** A page of a list, as every list of the API answers it. */
export interface ListPage<T> {
  items: T[];
  nextCursor?: string | null;
}

/** How many rows a page of the catalogue shows before "Show more". */
export const PageSize = 50;

const page = (cursor: string | undefined, includeArchived?: boolean, limit = PageSize) => ({
  limit,
  ...(cursor === undefined ? {} : { cursor }),
  ...(includeArchived ? { includeArchived } : {}),
});

/** The catalogue's calls. */
export function catalogueApi(client: ApiClient = api) {
  return {
    clients: (orgId: number, includeArchived: boolean, cursor?: string, limit?: number) =>
      call(client.GET("/api/v1/orgs/{orgId}/clients", { params: { path: { orgId }, query: page(cursor, includeArchived, limit) } })),
    createClient: (orgId: number, body: Schemas["CreateClientRequest"]) =>
      call(client.POST("/api/v1/orgs/{orgId}/clients", { params: { path: { orgId } }, body })),
    updateClient: (orgId: number, id: number, body: ClientChange) =>
      call(client.PATCH("/api/v1/orgs/{orgId}/clients/{id}", { params: { path: { orgId, id } }, body })),
    projects: (orgId: number, includeArchived: boolean, cursor?: string) =>
      call(client.GET("/api/v1/orgs/{orgId}/projects", { params: { path: { orgId }, query: page(cursor, includeArchived) } })),
    createProject: (orgId: number, body: Schemas["CreateProjectRequest"]) =>
      call(client.POST("/api/v1/orgs/{orgId}/projects", { params: { path: { orgId } }, body })),
    updateProject: (orgId: number, id: number, body: ProjectChange) =>
      call(client.PATCH("/api/v1/orgs/{orgId}/projects/{id}", { params: { path: { orgId, id } }, body })),
    tasks: (orgId: number, projectId: number, includeArchived: boolean, cursor?: string) =>
      call(client.GET("/api/v1/orgs/{orgId}/projects/{projectId}/tasks", { params: { path: { orgId, projectId }, query: page(cursor, includeArchived) } })),
    createTask: (orgId: number, projectId: number, body: Schemas["CreateTaskRequest"]) =>
      call(client.POST("/api/v1/orgs/{orgId}/projects/{projectId}/tasks", { params: { path: { orgId, projectId } }, body })),
    updateTask: (orgId: number, projectId: number, id: number, body: TaskChange) =>
      call(client.PATCH("/api/v1/orgs/{orgId}/projects/{projectId}/tasks/{id}", { params: { path: { orgId, projectId, id } }, body })),
    tags: (orgId: number, cursor?: string) => call(client.GET("/api/v1/orgs/{orgId}/tags", { params: { path: { orgId }, query: page(cursor) } })),
    tag: (orgId: number, id: number) => call(client.GET("/api/v1/orgs/{orgId}/tags/{id}", { params: { path: { orgId, id } } })),
    createTag: (orgId: number, body: Schemas["CreateTagRequest"]) => call(client.POST("/api/v1/orgs/{orgId}/tags", { params: { path: { orgId } }, body })),
    updateTag: (orgId: number, id: number, body: Schemas["TagPatch"]) =>
      call(client.PATCH("/api/v1/orgs/{orgId}/tags/{id}", { params: { path: { orgId, id } }, body })),
    deleteTag: (orgId: number, id: number) => call(client.DELETE("/api/v1/orgs/{orgId}/tags/{id}", { params: { path: { orgId, id } } })),
  };
}

export const catalogue = catalogueApi();

/**
 * The catalogue's query keys. They sit under the organization's `["orgs", id, "clients" | "projects" | "tags"]`
 * prefixes, which other screens' lists and pickers share: a change here invalidates the prefix, so those refresh too.
 */
export const catalogueKeys = {
  clients: (orgId: number) => ["orgs", orgId, "clients"] as const,
  projects: (orgId: number) => ["orgs", orgId, "projects"] as const,
  tasks: (orgId: number, projectId: number) => ["orgs", orgId, "projects", projectId, "tasks"] as const,
  tags: (orgId: number) => ["orgs", orgId, "tags"] as const,
};

/** A list read page by page (the API's cursor), with every loaded row in order. */
export function usePagedList<T>(key: readonly unknown[], read: (cursor: string | undefined) => Promise<ListPage<T>>) {
  const query = useInfiniteQuery<ListPage<T>, Error, InfiniteData<ListPage<T>>, readonly unknown[], string | undefined>({
    queryKey: key,
    queryFn: ({ pageParam }) => read(pageParam),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}

/** A change that refreshes every list under `prefix` once it is saved. */
export function useCatalogueChange<A, R>(prefix: readonly unknown[], change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: change, onSuccess: () => queryClient.invalidateQueries({ queryKey: prefix }) });
}
