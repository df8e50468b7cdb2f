import { addDays } from "../timer/time";
import type { Summary } from "./api";

/**
 * The chart's data from a summary: every day of the range (days without time are gaps, not missing bars) and one
 * series per group, in the groups' order, of hours per day.
 */
export function chartSeries(summary: Summary): { days: string[]; series: { name: string; hours: number[] }[] } {
  const days: string[] = [];
  for (let day = summary.from; day <= summary.to; day = addDays(day, 1)) days.push(day);
  const index = new Map(days.map((day, i) => [day, i]));
  const series = summary.groups.map((group) => ({ key: group.key, name: group.name, hours: days.map(() => 0) }));
  const byKey = new Map(series.map((s) => [s.key, s]));
  for (const day of summary.days) {
    const at = index.get(day.date);
    if (at === undefined) continue;
    for (const slice of day.groups) {
      const target = byKey.get(slice.key);
      if (target !== undefined) target.hours[at] = Math.round((slice.seconds / 3600) * 100) / 100;
    }
  }
  return { days, series: series.map(({ name, hours }) => ({ name, hours })) };
}
