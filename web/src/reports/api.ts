import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import { ProblemError, readProblem } from "../api/problem";
import type { components } from "../api/schema";
import { maxSeries } from "./chartData";
import { reportQuery, type Grouping, type ReportFilters } from "./filters";

type Schemas = components["schemas"];
export type Summary = Schemas["SummaryResponse"];
export type DetailedPage = Schemas["DetailedReportPage"];
export type DetailedEntry = DetailedPage["items"][number];

/** The largest page the API answers: the pickers want every client, project and member at once. */
const pickerLimit = 200;

/** A page of the detailed list: enough to read, small enough to come fast. */
export const detailedPageSize = 25;

/** The query keys of the reports, under the organization's prefix. */
export const reportKeys = {
  summary: (orgId: number, filters: ReportFilters, groupBy: Grouping) => ["orgs", orgId, "reports", "summary", groupBy, filters] as const,
  tags: (orgId: number, from: string, to: string) => ["orgs", orgId, "reports", "tags", from, to] as const,
  detailed: (orgId: number, filters: ReportFilters) => ["orgs", orgId, "reports", "detailed", filters] as const,
  clients: (orgId: number) => ["orgs", orgId, "clients", "report"] as const,
  members: (orgId: number) => ["orgs", orgId, "members", "report"] as const,
};

/** A CSV the server made, ready to save. */
export interface CsvFile {
  blob: Blob;
  fileName: string;
}

/** A JSON answer of a route that can also answer CSV (the JSON one is asked for, so text means a confused server). */
async function json<T>(answer: Promise<T | string>): Promise<T> {
  const value = await answer;
  if (typeof value === "string") throw new ProblemError(readProblem(undefined, 502));
  return value;
}

/** The calls the reports page makes. */
export function reportsApi(client: ApiClient = api) {
  return {
    summary: (orgId: number, filters: ReportFilters, groupBy: Grouping) =>
      json(call(client.GET("/api/v1/orgs/{orgId}/reports/summary", { params: { path: { orgId }, query: { ...reportQuery(filters), groupBy, dayGroups: maxSeries } } }))),
    /** The tag names with time in the range: the options of the tag filter. */
    async tags(orgId: number, from: string, to: string): Promise<string[]> {
      const query = { from, to, groupBy: "tag" as const, dayGroups: 0 };
      const summary = await json(call(client.GET("/api/v1/orgs/{orgId}/reports/summary", { params: { path: { orgId }, query } })));
      return summary.groups.filter((g) => g.key !== null).map((g) => g.name);
    },
    detailed: (orgId: number, filters: ReportFilters, cursor: string | null) =>
      json(call(
        client.GET("/api/v1/orgs/{orgId}/reports/detailed", {
          params: { path: { orgId }, query: { ...reportQuery(filters), limit: detailedPageSize, ...(cursor === null ? {} : { cursor }) } },
        }),
      )),
    clients: async (orgId: number) =>
      (await call(client.GET("/api/v1/orgs/{orgId}/clients", { params: { path: { orgId }, query: { limit: pickerLimit, includeArchived: true } } })))
        .items,
    members: async (orgId: number) =>
      (await call(client.GET("/api/v1/orgs/{id}/members", { params: { path: { id: orgId }, query: { limit: pickerLimit } } }))).items,
    /** The server's CSV of the summary or the detailed list for `filters` (sent with the person's token, as every call). */
    async csv(orgId: number, kind: "summary" | "detailed", filters: ReportFilters, groupBy: Grouping): Promise<CsvFile> {
      const query = kind === "summary" ? { ...reportQuery(filters), groupBy } : reportQuery(filters);
      const options = { params: { path: { orgId }, query }, parseAs: "blob" as const, headers: { Accept: "text/csv, application/problem+json" } };
      let outcome;
      try {
        outcome =
          kind === "summary"
            ? await client.GET("/api/v1/orgs/{orgId}/reports/summary", options)
            : await client.GET("/api/v1/orgs/{orgId}/reports/detailed", options);
      } catch {
        throw new ProblemError(readProblem(undefined));
      }
      if (!outcome.response.ok || outcome.data === undefined) throw new ProblemError(readProblem(outcome.error, outcome.response.status));
      const disposition = outcome.response.headers.get("Content-Disposition") ?? "";
      const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `${kind}-${filters.from}-${filters.to}.csv`;
      return { blob: outcome.data as Blob, fileName };
    },
  };
}

export const reports = reportsApi();

/** Saves `file` through a temporary link to an object URL (the page's CSP allows downloads of its own blobs). */
export function saveFile(file: CsvFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has started the download; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
