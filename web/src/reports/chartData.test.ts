import { describe, expect, it } from "vitest";
import type { Summary } from "./api";
import { chartSeries, maxSeries, stackTops } from "./chartData";

const group = (key: string | null, name: string, hours: number) => ({
  key,
  name,
  totalSeconds: hours * 3600,
  totalHours: hours,
  billableSeconds: 0,
  billableHours: 0,
  billableAmount: 0,
});

function summaryOf(groups: ReturnType<typeof group>[], days: Summary["days"]): Summary {
  return {
    from: "2026-11-23",
    to: "2026-11-25",
    timeZone: "UTC",
    groupBy: "project",
    groups,
    totals: { totalSeconds: 0, totalHours: 0, billableSeconds: 0, billableHours: 0, billableAmount: 0, unratedBillableSeconds: 0 },
    days,
  };
}

describe("The report chart's series", () => {
  it("has every day of the range and one series per group, the most time first", () => {
    const { days, series } = chartSeries(
      summaryOf([group("1", "Apollo", 1), group("2", "Zeus", 3), group(null, "No project", 2)], [
        { date: "2026-11-23", groups: [{ key: "1", seconds: 3600 }, { key: "2", seconds: 10_800 }], otherSeconds: 0 },
        { date: "2026-11-25", groups: [{ key: null, seconds: 7200 }], otherSeconds: 0 },
      ]),
    );
    expect(days).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
    expect(series).toEqual([
      { name: "Zeus", hours: [3, 0, 0] },
      { name: "No project", hours: [0, 0, 2] },
      { name: "Apollo", hours: [1, 0, 0] },
    ]);
  });

  it("sums the groups with the least time into one last series past the most it stacks, so no hour goes missing", () => {
    const groups = Array.from({ length: maxSeries + 3 }, (_, i) => group(String(i), `Project ${i}`, i + 1));
    // The summary breaks the day down by the largest groups it was asked for, and gives the rest as other seconds.
    const broken = groups.slice(3);
    const day = { date: "2026-11-24", groups: broken.map((g) => ({ key: g.key, seconds: g.totalSeconds })), otherSeconds: (1 + 2 + 3) * 3600 };
    const { series } = chartSeries(summaryOf(groups, [day]));
    expect(series).toHaveLength(maxSeries);
    expect(series[0]?.name).toBe(`Project ${maxSeries + 2}`);
    expect(series.at(-1)?.name).toBe("Other (4 more)");
    // The four smallest: 1 + 2 + 3 + 4 hours.
    expect(series.at(-1)?.hours).toEqual([0, 10, 0]);
    const drawn = series.reduce((sum, s) => sum + (s.hours[1] ?? 0), 0);
    expect(drawn).toBe(groups.reduce((sum, g) => sum + g.totalHours, 0));
  });

  it("stacks each series on the ones below it, day by day", () => {
    expect(stackTops([{ hours: [1, 0, 2.5] }, { hours: [0.25, 3, 0] }, { hours: [1, 1, 1] }])).toEqual([
      [1, 0, 2.5],
      [1.25, 3, 2.5],
      [2.25, 4, 3.5],
    ]);
  });
});
