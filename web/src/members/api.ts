import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type Member = Schemas["MemberResponse"];
export type Role = Member["role"];
export type PendingInvitation = Schemas["PendingInvitationResponse"];
export type Invitation = Schemas["InvitationResponse"];
export type Seats = Schemas["SeatsResponse"];

/** Members per page: most teams fit in one; a larger one shows "Show more". */
export const MembersPageSize = 100;

/** The calls of the Members screen. */
export function membersApi(client: ApiClient = api) {
  const org = (id: number) => ({ params: { path: { id } } });
  const invitation = (id: number, invitationId: number) => ({ params: { path: { id, invitationId } } });
  return {
    members: (id: number, cursor: string | null) =>
      call(client.GET("/api/v1/orgs/{id}/members", { params: { path: { id }, query: { limit: MembersPageSize, ...(cursor ? { cursor } : {}) } } })),
    changeRole: (id: number, userId: number, role: Role) =>
      call(client.PATCH("/api/v1/orgs/{id}/members/{userId}", { params: { path: { id, userId } }, body: { role } })),
    remove: (id: number, userId: number) => call(client.DELETE("/api/v1/orgs/{id}/members/{userId}", { params: { path: { id, userId } } })),
    invitations: (id: number) => call(client.GET("/api/v1/orgs/{id}/invitations", org(id))),
    invite: (id: number, body: Schemas["InvitationRequest"]) => call(client.POST("/api/v1/orgs/{id}/invitations", { ...org(id), body })),
    resend: (id: number, invitationId: number) => call(client.POST("/api/v1/orgs/{id}/invitations/{invitationId}/resend", invitation(id, invitationId))),
    revoke: (id: number, invitationId: number) => call(client.DELETE("/api/v1/orgs/{id}/invitations/{invitationId}", invitation(id, invitationId))),
    seats: (id: number) => call(client.GET("/api/v1/orgs/{id}/seats", org(id))),
  };
}

export const members = membersApi();

/** The query keys of the screen: every change invalidates `all(orgId)`, since each moves the seats too. */
export const memberKeys = {
  all: (orgId: number) => ["orgs", orgId, "members"] as const,
  list: (orgId: number) => ["orgs", orgId, "members", "list"] as const,
  invitations: (orgId: number) => ["orgs", orgId, "members", "invitations"] as const,
  seats: (orgId: number) => ["orgs", orgId, "members", "seats"] as const,
};

export const membersQuery = (orgId: number) =>
  infiniteQueryOptions({
    queryKey: memberKeys.list(orgId),
    queryFn: ({ pageParam }) => members.members(orgId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const invitationsQuery = (orgId: number) => queryOptions({ queryKey: memberKeys.invitations(orgId), queryFn: () => members.invitations(orgId) });

export const seatsQuery = (orgId: number) => queryOptions({ queryKey: memberKeys.seats(orgId), queryFn: () => members.seats(orgId) });
