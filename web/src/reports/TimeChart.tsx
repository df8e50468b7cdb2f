import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";
import type { Summary } from "./api";
import { chartSeries } from "./chartData";

// Only the parts a stacked bar chart uses, so the chunk stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Distinct, readable on light and dark surfaces, and in this order so that neighbouring groups differ. */
const palette = ["#2f5bd3", "#e07a1f", "#1f9e6e", "#c23b6b", "#7a4fd6", "#2b9bc4", "#b8860b", "#5f7a1f", "#d14a2b", "#66738a"];

/**
 * Time per day stacked by the report's grouping, drawn by Chart.js on a canvas. The canvas is an image with a name; the
 * breakdown table below it holds the same numbers as text (`describedBy`). This module is loaded only by the reports
 * page, when it has something to draw.
 */
export default function TimeChart({ summary, label, describedBy }: { summary: Summary; label: string; describedBy: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (element === null) return;
    let chart: Chart | null = null;
    // Drawn in a task of its own once the page has painted its numbers: the table and totals never wait for the chart.
    const draw = () => {
      chart = create(element, summary);
    };
    const idle = typeof requestIdleCallback === "function" ? requestIdleCallback(draw, { timeout: 500 }) : null;
    const timer = idle === null ? setTimeout(draw, 0) : null;
    return () => {
      if (idle !== null) cancelIdleCallback(idle);
      if (timer !== null) clearTimeout(timer);
      chart?.destroy();
    };
  }, [summary]);
  return (
    <div className="report-chart__canvas">
      <canvas ref={canvas} role="img" aria-label={label} aria-describedby={describedBy}>
        {label}
      </canvas>
    </div>
  );
}

function create(element: HTMLCanvasElement, summary: Summary): Chart {
  const { days, series } = chartSeries(summary);
  const style = getComputedStyle(element);
  const text = style.getPropertyValue("--color-muted").trim() || "#596273";
  const grid = style.getPropertyValue("--color-border").trim() || "#d8dce3";
  return new Chart(element, {
    type: "bar",
    data: {
      labels: days.map(shortDay),
      datasets: series.map((s, i) => ({ label: s.name, data: s.hours, backgroundColor: palette[i % palette.length], borderRadius: 3, maxBarThickness: 36 })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Sharp enough on any screen without drawing three times the pixels on a phone.
      devicePixelRatio: Math.min(window.devicePixelRatio || 1, 2),
      animation: false,
      scales: {
        x: { stacked: true, ticks: { color: text, autoSkip: true, maxRotation: 0 }, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, ticks: { color: text }, grid: { color: grid }, title: { display: true, text: "Hours", color: text } },
      },
      plugins: {
        legend: { position: "bottom", labels: { color: text, boxWidth: 12 } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ""}: ${Number(item.raw).toFixed(2)} h` } },
      },
    },
  });
}

/** `2026-11-03` as `3 Nov`; a calendar day, so formatted in UTC on purpose. */
function shortDay(day: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: "UTC", day: "numeric", month: "short" }).format(new Date(`${day}T12:00:00Z`));
}
