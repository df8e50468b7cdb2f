import { addDays } from "../timer/time";
import type { Summary } from "./api";

/**
 * The most series the chart stacks. Past that, colours repeat and nobody can tell one thin band from another: the
 * groups with the least time are drawn as one "Other" series (the table below the chart still lists each of them).
 */
export const maxSeries = 8;

/**
 * The chart's data from a summary: every day of the range (days without time are gaps, not missing bars) and one
 * series per group of hours per day, the groups with the most time first; beyond `maxSeries`, the smallest groups are
 * summed into a last "Other" series. The summary is asked to break its days down by `maxSeries` groups (`dayGroups`),
 * so the rest of each day comes as its `otherSeconds`, which goes to "Other" too.
 */
export function chartSeries(summary: Summary): { days: string[]; series: { name: string; hours: number[] }[] } {
  const days: string[] = [];
  for (let day = summary.from; day <= summary.to; day = addDays(day, 1)) days.push(day);
  const index = new Map(days.map((day, i) => [day, i]));
  const ranked = [...summary.groups].sort((a, b) => b.totalSeconds - a.totalSeconds);
  const shown = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const rest = ranked.length - shown.length;
  const series = shown.map((group) => ({ name: group.name, seconds: days.map(() => 0) }));
  if (rest > 0) series.push({ name: `Other (${rest} more)`, seconds: days.map(() => 0) });
  const seriesOf = new Map(shown.map((group, i) => [group.key, series[i]!]));
  const other = rest > 0 ? series[series.length - 1]! : undefined;
  const add = (target: { seconds: number[] } | undefined, at: number, seconds: number) => {
    if (target !== undefined && seconds !== 0) target.seconds[at] = (target.seconds[at] ?? 0) + seconds;
  };
  for (const day of summary.days) {
    const at = index.get(day.date);
    if (at === undefined) continue;
    for (const slice of day.groups) add(seriesOf.get(slice.key) ?? other, at, slice.seconds);
    add(other, at, day.otherSeconds);
  }
  return { days, series: series.map(({ name, seconds }) => ({ name, hours: seconds.map((s) => Math.round((s / 3600) * 100) / 100) })) };
}

/**
 * Stacked bars drawn as overlapping ones: each series' bar reaches the sum of its own and every series below it, and
 * the tallest is drawn first, so each band shows in its own colour. Returns the tops, bottom series first.
 */
export function stackTops(series: readonly { hours: readonly number[] }[]): number[][] {
  const tops: number[][] = [];
  series.forEach((s, i) => tops.push(s.hours.map((h, day) => Math.round(((tops[i - 1]?.[day] ?? 0) + h) * 100) / 100)));
  return tops;
}
