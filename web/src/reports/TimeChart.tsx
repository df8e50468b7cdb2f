import { useEffect, useRef } from "react";
import uPlot, { type Options } from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Summary } from "./api";
import { chartSeries, stackTops } from "./chartData";

/** Distinct, readable on light and dark surfaces, and in this order so that neighbouring groups differ. */
const palette = ["#2f5bd3", "#e07a1f", "#1f9e6e", "#c23b6b", "#7a4fd6", "#2b9bc4", "#b8860b", "#66738a"];

/**
 * Time per day stacked by the report's grouping, drawn by uPlot on a canvas: a few milliseconds to build where
 * Chart.js took a long task on a phone. The chart is an image with a name; the breakdown table below it holds the same
 * numbers as text (`describedBy`), and the legend under the chart gives each band's hours for the day under the
 * pointer. This module is loaded only by the reports page, when it has something to draw.
 */
export default function TimeChart({ summary, label, describedBy }: { summary: Summary; label: string; describedBy: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (element === null) return;
    const chart = create(element, summary);
    // The chart has the width of its card, which changes with the window.
    const resized = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: element.clientHeight - legendHeight(element) }));
    resized.observe(element);
    return () => {
      resized.disconnect();
      chart.destroy();
    };
  }, [summary]);
  return <div ref={box} className="report-chart__canvas" role="img" aria-label={label} aria-describedby={describedBy} />;
}

const legendHeight = (element: HTMLElement) => element.querySelector<HTMLElement>(".u-legend")?.offsetHeight ?? 0;

function create(element: HTMLElement, summary: Summary): uPlot {
  const { days, series } = chartSeries(summary);
  const tops = stackTops(series);
  const style = getComputedStyle(element);
  const text = style.getPropertyValue("--color-muted").trim() || "#596273";
  const grid = style.getPropertyValue("--color-border").trim() || "#d8dce3";
  const font = `12px ${style.fontFamily}`;
  const dayFormat = new Intl.DateTimeFormat(undefined, { timeZone: "UTC", day: "numeric", month: "short" });
  // `2026-11-03` as `3 Nov`: a calendar day, so formatted in UTC on purpose.
  const labels = days.map((day) => dayFormat.format(new Date(`${day}T12:00:00Z`)));
  const hours = (value: number | null | undefined) => (value === null || value === undefined ? "" : `${value.toFixed(2)} h`);
  // The tallest bar first: each series below is drawn over it, so every band shows. The legend reads top to bottom.
  const order = series.map((_, i) => i).reverse();
  const options: Options = {
    width: element.clientWidth,
    height: element.clientHeight,
    scales: { x: { time: false, range: (_, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_, __, max) => [0, Math.max(1, max * 1.05)] } },
    axes: [
      {
        stroke: text,
        font,
        grid: { show: false },
        ticks: { show: false },
        incrs: [1, 2, 7, 14, 28, 56, 91, 182],
        space: 48,
        values: (_, splits) => splits.map((at) => labels[at] ?? ""),
      },
      { stroke: text, font, label: "Hours", labelFont: font, grid: { stroke: grid, width: 1 }, ticks: { show: false }, values: (_, splits) => splits.map(String) },
    ],
    cursor: { points: { show: false }, drag: { x: false, y: false } },
    legend: { live: true },
    series: [
      { label: "Day", value: (_, at) => (at === null ? "" : (labels[at] ?? "")) },
      ...order.map((i) => ({
        label: series[i]!.name,
        fill: palette[i % palette.length],
        stroke: palette[i % palette.length],
        width: 0,
        points: { show: false },
        paths: uPlot.paths.bars!({ size: [0.7, 36], gap: 1 }),
        // The band's own hours that day, not the top of the stack it is drawn at.
        value: (_: uPlot, __: number | null, ___: number, at: number | null) => (at === null ? "" : hours(series[i]!.hours[at])),
      })),
    ],
  };
  const chart = new uPlot(options, [days.map((_, at) => at), ...order.map((i) => tops[i]!)], element);
  chart.setSize({ width: element.clientWidth, height: element.clientHeight - legendHeight(element) });
  return chart;
}

