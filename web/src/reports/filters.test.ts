import { describe, expect, it } from "vitest";
import { filtersFromParams, paramsFromFilters, presetRange, reportQuery } from "./filters";

const read = (search: string, today = "2026-11-25") => filtersFromParams(new URLSearchParams(search), today);

describe("report filters in the address", () => {
  it("reads presets around the person's today, weeks from Monday and whole calendar months", () => {
    // Wednesday 25 November 2026.
    expect(presetRange("this-week", "2026-11-25")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(presetRange("last-week", "2026-11-25")).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(presetRange("this-month", "2026-11-25")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(presetRange("last-month", "2026-11-25")).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    // A Sunday is the end of its week; January's last month is December; February in a leap year.
    expect(presetRange("this-week", "2026-11-29")).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(presetRange("last-month", "2027-01-15")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(presetRange("this-month", "2028-02-10")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(presetRange("last-week", "2027-01-01")).toEqual({ from: "2026-12-21", to: "2026-12-27" });
  });

  it("makes the plain address this week by project, with no filter", () => {
    const { filters, notices } = read("");
    expect(filters).toEqual({
      range: "this-week", from: "2026-11-23", to: "2026-11-29", clientIds: [], projectIds: [], userIds: [], tags: [], billable: "any", groupBy: "project",
    });
    expect(notices).toEqual([]);
    expect(paramsFromFilters(filters).toString()).toBe("");
  });

  it("round-trips every filter through the address, repeated parameters and all", () => {
    const search = "range=custom&from=2026-10-05&to=2026-11-04&clientId=3&clientId=8&projectId=7&userId=2&tag=deep+work&tag=design&billable=true&groupBy=tag";
    const { filters, notices } = read(search);
    expect(notices).toEqual([]);
    expect(filters).toMatchObject({ range: "custom", from: "2026-10-05", to: "2026-11-04", clientIds: [3, 8], projectIds: [7], userIds: [2] });
    expect(filters.tags).toEqual(["deep work", "design"]);
    expect(paramsFromFilters(filters).toString()).toBe(search);
    expect(reportQuery(filters)).toEqual({
      from: "2026-10-05", to: "2026-11-04", clientId: [3, 8], projectId: [7], userId: [2], tag: ["deep work", "design"], billable: "true",
    });
  });

  it("keeps a preset's dates out of the address, so a bookmark of last month is always last month", () => {
    const { filters } = read("range=last-month&from=2020-01-01&to=2020-01-31");
    expect(filters).toMatchObject({ range: "last-month", from: "2026-10-01", to: "2026-10-31" });
    expect(paramsFromFilters(filters).toString()).toBe("range=last-month");
  });

  it("falls back from what it cannot read, saying so, and never fails", () => {
    const cases: [string, string, Partial<ReturnType<typeof read>["filters"]>][] = [
      ["range=fortnight", "“fortnight” is not one", { range: "this-week", from: "2026-11-23" }],
      ["range=custom&from=2026-11-01", "needs two dates", { range: "this-week" }],
      ["range=custom&from=2026-11-31&to=2026-12-02", "needs two dates", { range: "this-week" }],
      ["range=custom&from=2026-11-10&to=2026-11-01", "ends (2026-11-01) before it starts", { range: "this-week" }],
      ["range=custom&from=2025-01-01&to=2026-11-30", "at most 366 days", { range: "this-week" }],
      ["clientId=globex&clientId=4", "not ids", { clientIds: [4] }],
      ["projectId=-1&projectId=0", "not ids", { projectIds: [] }],
      ["billable=maybe", "not a billable filter", { billable: "any" }],
      ["groupBy=week", "cannot group by “week”", { groupBy: "project" }],
    ];
    for (const [search, notice, expected] of cases) {
      const { filters, notices } = read(search);
      expect(notices.join(" "), search).toContain(notice);
      expect(filters, search).toMatchObject(expected);
    }
  });

  it("drops empty and repeated tags", () => {
    expect(read("tag=%20&tag=design&tag=design").filters.tags).toEqual(["design"]);
  });
});
