import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type Timesheet = Schemas["TimesheetResponse"];
export type TimesheetStatus = Timesheet["status"];
export type TimesheetPolicy = Schemas["TimesheetPolicyResponse"];
export type AuditRecord = Schemas["AuditRecordResponse"];
export type Move = "submit" | "withdraw" | "approve" | "reject" | "reopen";

/** The approvals slice's query keys, under the organization's prefix (a move refreshes its timesheets and entries). */
export const approvalKeys = {
  policy: (orgId: number) => ["orgs", orgId, "timesheet-policy"] as const,
  timesheets: (orgId: number) => ["orgs", orgId, "timesheets"] as const,
  timesheet: (orgId: number, userId: number, date: string) => ["orgs", orgId, "timesheets", userId, date] as const,
  list: (orgId: number, status: TimesheetStatus) => ["orgs", orgId, "timesheets", "list", status] as const,
  audit: (orgId: number) => ["orgs", orgId, "audit-log"] as const,
};

const pageSize = 50;

/** The calls of timesheets, their policy and the audit log. */
export function approvalsApi(client: ApiClient = api) {
  return {
    policy: (orgId: number) => call(client.GET("/api/v1/orgs/{orgId}/timesheet-policy", { params: { path: { orgId } } })),
    savePolicy: (orgId: number, period: TimesheetPolicy["period"], lockDate: string | null) =>
      call(client.PUT("/api/v1/orgs/{orgId}/timesheet-policy", { params: { path: { orgId } }, body: { period, lockDate } })),
    timesheet: (orgId: number, userId: number, date: string) =>
      call(client.GET("/api/v1/orgs/{orgId}/timesheets/{userId}/{date}", { params: { path: { orgId, userId, date } } })),
    list: (orgId: number, status: TimesheetStatus, cursor: string | null) =>
      call(client.GET("/api/v1/orgs/{orgId}/timesheets", {
        params: { path: { orgId }, query: { status, limit: pageSize, ...(cursor === null ? {} : { cursor }) } },
      })),
    move: (orgId: number, userId: number, date: string, move: Move, comment?: string) => {
      const path = { orgId, userId, date };
      switch (move) {
        case "submit":
          return call(client.POST("/api/v1/orgs/{orgId}/timesheets/{userId}/{date}/submit", { params: { path } }));
        case "withdraw":
          return call(client.POST("/api/v1/orgs/{orgId}/timesheets/{userId}/{date}/withdraw", { params: { path } }));
        case "approve":
          return call(client.POST("/api/v1/orgs/{orgId}/timesheets/{userId}/{date}/approve", { params: { path } }));
        case "reopen":
          return call(client.POST("/api/v1/orgs/{orgId}/timesheets/{userId}/{date}/reopen", { params: { path } }));
        case "reject":
          return call(client.POST("/api/v1/orgs/{orgId}/timesheets/{userId}/{date}/reject", { params: { path }, body: { comment: comment ?? "" } }));
      }
    },
    audit: (orgId: number, cursor: string | null) =>
      call(client.GET("/api/v1/orgs/{orgId}/audit-log", { params: { path: { orgId }, query: { limit: pageSize, ...(cursor === null ? {} : { cursor }) } } })),
  };
}

export const approvals = approvalsApi();

const statusWords: Record<TimesheetStatus, string> = {
  open: "Not submitted",
  submitted: "Submitted, awaiting approval",
  approved: "Approved",
  rejected: "Rejected",
};

/** What a timesheet's status reads as. */
export const statusLabel = (status: TimesheetStatus) => statusWords[status];

/** "2–8 Nov 2026" for a period's first and last days (dates as the API gives them). */
export function periodLabel(startsOn: string, endsOn: string): string {
  const day = (text: string) => new Date(`${text}T12:00:00Z`);
  const first = day(startsOn);
  const last = day(endsOn);
  const format = (date: Date, options: Intl.DateTimeFormatOptions) => date.toLocaleDateString("en-GB", { timeZone: "UTC", ...options });
  const sameMonth = first.getUTCMonth() === last.getUTCMonth() && first.getUTCFullYear() === last.getUTCFullYear();
  return sameMonth
    ? `${first.getUTCDate()}–${format(last, { day: "numeric", month: "short", year: "numeric" })}`
    : `${format(first, { day: "numeric", month: "short" })} – ${format(last, { day: "numeric", month: "short", year: "numeric" })}`;
}

/** "7 h 30 min" for a number of seconds. */
export function hoursLabel(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours === 0 ? `${rest} min` : rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
