import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type ApiToken = Schemas["ApiTokenResponse"];
export type CreatedApiToken = Schemas["CreatedApiTokenResponse"];
export type ApiScope = ApiToken["scope"];
export type CreateApiToken = Schemas["CreateApiTokenRequest"];

/** The query key of the person's API tokens (under "me": they go with the account). */
export const apiTokensKey = ["me", "api-tokens"] as const;

/** What each scope lets a token do, narrowest first, as the server's routes declare it (docs/api.md, "Personal API tokens"). */
export const scopes: readonly { value: ApiScope; label: string; description: string }[] = [
  { value: "read", label: "Read", description: "See entries, the timer, reports, projects and invoices." },
  { value: "write", label: "Write", description: "Also track time: add, change and delete entries, start and stop the timer." },
  { value: "admin", label: "Admin", description: "Also change clients, projects, tasks, tags, invoices, members and invitations." },
];

/** The widest scope a role allows: members write, admins and owners admin. */
export function widestScope(role: string): ApiScope {
  return role === "owner" || role === "admin" ? "admin" : "write";
}

/** The calls of the API tokens section. */
export function apiTokensApi(client: ApiClient = api) {
  return {
    list: () => call(client.GET("/api/v1/me/api-tokens")),
    create: (body: CreateApiToken) => call(client.POST("/api/v1/me/api-tokens", { body })),
    revoke: (id: number) => call(client.DELETE("/api/v1/me/api-tokens/{id}", { params: { path: { id } } })),
  };
}

export const apiTokens = apiTokensApi();
