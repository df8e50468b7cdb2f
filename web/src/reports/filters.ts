import { addDays, isDateKey, weekStart, type DateKey } from "../timer/time";

/**
 * The report's filters, as the address holds them (bookmarkable, shareable; back and forward move between them). The
 * parameter names are the API's (`clientId`, `projectId`, `userId`, `tag`, `billable`, `groupBy`), plus `range` for a
 * preset. Days are the person's (their time zone decides "today"); weeks start on Monday, as everywhere in the app.
 */
export type Preset = "this-week" | "last-week" | "this-month" | "last-month" | "custom";
export type Grouping = "project" | "client" | "user" | "tag";
export type Billable = "any" | "true" | "false";

export interface ReportFilters {
  range: Preset;
  from: DateKey;
  to: DateKey;
  clientIds: number[];
  projectIds: number[];
  userIds: number[];
  tags: string[];
  billable: Billable;
  groupBy: Grouping;
}

export const presets: { value: Preset; label: string }[] = [
  { value: "this-week", label: "This week" },
  { value: "last-week", label: "Last week" },
  { value: "this-month", label: "This month" },
  { value: "last-month", label: "Last month" },
  { value: "custom", label: "Custom" },
];

export const groupings: { value: Grouping; label: string }[] = [
  { value: "project", label: "Project" },
  { value: "client", label: "Client" },
  { value: "user", label: "Member" },
  { value: "tag", label: "Tag" },
];

/** The longest range the API reports on. */
export const maximumDays = 366;

/** The first and last day of `preset` around `today`. */
export function presetRange(preset: Exclude<Preset, "custom">, today: DateKey): { from: DateKey; to: DateKey } {
  const monday = weekStart(today);
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  switch (preset) {
    case "this-week":
      return { from: monday, to: addDays(monday, 6) };
    case "last-week":
      return { from: addDays(monday, -7), to: addDays(monday, -1) };
    case "this-month":
      return { from: firstOfMonth, to: addDays(`${addDays(firstOfMonth, 31).slice(0, 7)}-01`, -1) };
    case "last-month":
      return { from: `${addDays(firstOfMonth, -1).slice(0, 7)}-01`, to: addDays(firstOfMonth, -1) };
  }
}

const dayNumber = (day: DateKey) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * The filters the address asks for, around `today`. Whatever is not understood falls back to its default, and each
 * fallback is said in `notices`, so a mistyped or outdated link still shows a report, never an error page.
 */
export function filtersFromParams(params: URLSearchParams, today: DateKey): { filters: ReportFilters; notices: string[] } {
  const notices: string[] = [];
  let range = (params.get("range") ?? "this-week") as Preset;
  if (!presets.some((p) => p.value === range)) {
    notices.push(`The range “${params.get("range")}” is not one of these reports’; showing this week.`);
    range = "this-week";
  }
  let days: { from: DateKey; to: DateKey } | null = range === "custom" ? null : presetRange(range, today);
  if (range === "custom") {
    const from = params.get("from");
    const to = params.get("to");
    if (!isDateKey(from) || !isDateKey(to)) notices.push("A custom range needs two dates (from and to); showing this week.");
    else if (to < from) notices.push(`The range ends (${to}) before it starts (${from}); showing this week.`);
    else if (dayNumber(to) - dayNumber(from) >= maximumDays) notices.push(`A report covers at most ${maximumDays} days; showing this week.`);
    else days = { from, to };
    if (days === null) {
      range = "this-week";
      days = presetRange(range, today);
    }
  }
  const ids = (name: string, what: string) => {
    const values = params.getAll(name);
    const good = values.filter((v) => /^[1-9]\d{0,15}$/.test(v)).map(Number);
    if (good.length < values.length) notices.push(`Some ${what} in the address are not ids and were left out.`);
    return [...new Set(good)];
  };
  const clientIds = ids("clientId", "clients");
  const projectIds = ids("projectId", "projects");
  const userIds = ids("userId", "members");
  const tags = [...new Set(params.getAll("tag").map((t) => t.trim()).filter((t) => t !== ""))];
  let billable = (params.get("billable") ?? "any") as Billable;
  if (!["any", "true", "false"].includes(billable)) {
    notices.push(`“${params.get("billable")}” is not a billable filter; showing billable and non-billable time.`);
    billable = "any";
  }
  let groupBy = (params.get("groupBy") ?? "project") as Grouping;
  if (!groupings.some((g) => g.value === groupBy)) {
    notices.push(`The report cannot group by “${params.get("groupBy")}”; grouping by project.`);
    groupBy = "project";
  }
  const { from, to } = days ?? presetRange("this-week", today);
  return { filters: { range, from, to, clientIds, projectIds, userIds, tags, billable, groupBy }, notices };
}

/** The address of `filters`: only what differs from the defaults, so the plain page is this week by project. */
export function paramsFromFilters(filters: ReportFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.range !== "this-week") params.set("range", filters.range);
  if (filters.range === "custom") {
    params.set("from", filters.from);
    params.set("to", filters.to);
  }
  for (const id of filters.clientIds) params.append("clientId", String(id));
  for (const id of filters.projectIds) params.append("projectId", String(id));
  for (const id of filters.userIds) params.append("userId", String(id));
  for (const tag of filters.tags) params.append("tag", tag);
  if (filters.billable !== "any") params.set("billable", filters.billable);
  if (filters.groupBy !== "project") params.set("groupBy", filters.groupBy);
  return params;
}

/** The API's query for `filters` (the summary's and the detailed report's). */
export function reportQuery(filters: ReportFilters) {
  return {
    from: filters.from,
    to: filters.to,
    ...(filters.clientIds.length > 0 ? { clientId: filters.clientIds } : {}),
    ...(filters.projectIds.length > 0 ? { projectId: filters.projectIds } : {}),
    ...(filters.userIds.length > 0 ? { userId: filters.userIds } : {}),
    ...(filters.tags.length > 0 ? { tag: filters.tags } : {}),
    ...(filters.billable !== "any" ? { billable: filters.billable } : {}),
  };
}
