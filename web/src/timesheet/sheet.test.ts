import { describe, expect, it } from "vitest";
import type { TimeEntry } from "../timer/api";
import { serverEntry } from "../timer/fakeServer";
import { buildRows, daysOf, planCell, startOfWeek, totals, weekOf } from "./sheet";

const entry = (fields: Partial<TimeEntry> & { startedAt: string }) => serverEntry(fields) as TimeEntry;
const paris = "Europe/Paris";
const week = daysOf("2026-11-23");

describe("weeks", () => {
  it("start on Monday unless the person's week starts on another day", () => {
    expect(startOfWeek("2026-11-25")).toBe("2026-11-23");
    expect(startOfWeek("2026-11-23")).toBe("2026-11-23");
    expect(startOfWeek("2026-11-29")).toBe("2026-11-23");
    expect(startOfWeek("2026-11-25", 0)).toBe("2026-11-22");
    expect(startOfWeek("2026-11-22", 0)).toBe("2026-11-22");
    expect(startOfWeek("2026-11-27", 6)).toBe("2026-11-21");
  });

  it("come from the address when it names a real day, else from today", () => {
    expect(weekOf("2026-12-02", "2026-11-25")).toBe("2026-11-30");
    expect(weekOf("2026-02-30", "2026-11-25")).toBe("2026-11-23");
    expect(weekOf(null, "2026-11-25")).toBe("2026-11-23");
  });
});

describe("rows", () => {
  it("put each entry in its project and task's row, on the day it started in the person's zone", () => {
    // 23:30 UTC on Monday is Tuesday 00:30 in Paris.
    const late = entry({ startedAt: "2026-11-23T23:30:00Z", endedAt: "2026-11-24T00:30:00Z", projectId: 7 });
    const design = entry({ startedAt: "2026-11-24T08:00:00Z", endedAt: "2026-11-24T09:00:00Z", projectId: 7, taskId: 3 });
    const more = entry({ startedAt: "2026-11-24T13:00:00Z", endedAt: "2026-11-24T13:30:00Z", projectId: 7 });
    const rows = buildRows([design, late, more], week, paris, [{ projectId: 9, taskId: null }]);
    expect(rows.map((row) => row.key)).toEqual(["7/-", "7/3", "9/-"]);
    expect(rows[0]?.cells["2026-11-24"]?.seconds).toBe(5400);
    expect(rows[0]?.cells["2026-11-23"]?.seconds).toBe(0);
    expect(rows[1]?.cells["2026-11-24"]?.entries).toEqual([design]);
    const sums = totals(rows, week);
    expect(sums.byDay.get("2026-11-24")).toBe(9000);
    expect(sums.byRow.get("7/-")).toBe(5400);
    expect(sums.week).toBe(9000);
  });

  it("lock a cell that holds invoiced time or a running timer, saying why", () => {
    const invoiced = entry({ startedAt: "2026-11-24T08:00:00Z", endedAt: "2026-11-24T09:00:00Z", projectId: 7, invoiceId: 2, lockedAt: "2026-12-01T00:00:00Z" });
    const running = entry({ startedAt: "2026-11-25T08:00:00Z", projectId: 7 });
    const [row] = buildRows([invoiced, running], week, paris);
    expect(row?.cells["2026-11-24"]?.lockedBecause).toMatch(/^Locked: this time is on an invoice/);
    expect(row?.cells["2026-11-25"]?.lockedBecause).toMatch(/timer is running/);
    expect(row?.cells["2026-11-26"]?.lockedBecause).toBeNull();
  });
});

describe("planCell", () => {
  const row = { projectId: 7, taskId: 3 };
  const cellOf = (...entries: TimeEntry[]) => buildRows(entries, week, paris)[0]?.cells["2026-11-24"] ?? { entries: [], seconds: 0, lockedBecause: null, running: false };

  it("puts a first entry at nine in the morning, in the person's zone", () => {
    expect(planCell(row, cellOf(), 5400, "2026-11-24", paris, [])).toEqual([
      { kind: "create", body: { startedAt: "2026-11-24T08:00:00.000Z", endedAt: "2026-11-24T09:30:00.000Z", projectId: 7, taskId: 3 } },
    ]);
  });

  it("puts a new entry after the day's last one, whatever its row", () => {
    const other = entry({ startedAt: "2026-11-24T08:00:00Z", endedAt: "2026-11-24T12:15:00Z", projectId: 9 });
    const earlier = entry({ startedAt: "2026-11-24T07:00:00Z", endedAt: "2026-11-24T08:00:00Z", projectId: 9 });
    expect(planCell(row, cellOf(), 3600, "2026-11-24", paris, [other, earlier])).toEqual([
      { kind: "create", body: { startedAt: "2026-11-24T12:15:00.000Z", endedAt: "2026-11-24T13:15:00.000Z", projectId: 7, taskId: 3 } },
    ]);
  });

  it("starts at nine when the day's last entry ended on the next day", () => {
    const overnight = entry({ startedAt: "2026-11-24T21:00:00Z", endedAt: "2026-11-25T01:00:00Z", projectId: 9 });
    expect(planCell(row, cellOf(), 3600, "2026-11-24", paris, [overnight])[0]).toMatchObject({ body: { startedAt: "2026-11-24T08:00:00.000Z" } });
  });

  it("moves the end of a cell's only entry", () => {
    const only = entry({ startedAt: "2026-11-24T08:00:00Z", endedAt: "2026-11-24T09:00:00Z", ...row });
    expect(planCell(row, cellOf(only), 9000, "2026-11-24", paris, [only])).toEqual([{ kind: "update", id: only.id, endedAt: "2026-11-24T10:30:00.000Z" }]);
    expect(planCell(row, cellOf(only), 1800, "2026-11-24", paris, [only])).toEqual([{ kind: "update", id: only.id, endedAt: "2026-11-24T08:30:00.000Z" }]);
    expect(planCell(row, cellOf(only), 3600, "2026-11-24", paris, [only])).toEqual([]);
  });

  it("makes the newest of several entries longer, and trims the newest ones for less", () => {
    const first = entry({ startedAt: "2026-11-24T08:00:00Z", endedAt: "2026-11-24T10:00:00Z", ...row });
    const second = entry({ startedAt: "2026-11-24T11:00:00Z", endedAt: "2026-11-24T11:30:00Z", ...row });
    const third = entry({ startedAt: "2026-11-24T13:00:00Z", endedAt: "2026-11-24T14:00:00Z", ...row });
    const cell = cellOf(first, second, third);
    expect(cell.seconds).toBe(12600);
    expect(planCell(row, cell, 14400, "2026-11-24", paris, [])).toEqual([{ kind: "update", id: third.id, endedAt: "2026-11-24T14:30:00.000Z" }]);
    // 3:30 to 2:15: the newest hour goes, then a quarter of the half hour before it.
    expect(planCell(row, cell, 8100, "2026-11-24", paris, [])).toEqual([
      { kind: "delete", id: third.id },
      { kind: "update", id: second.id, endedAt: "2026-11-24T11:15:00.000Z" },
    ]);
    expect(planCell(row, cell, 7200, "2026-11-24", paris, [])).toEqual([
      { kind: "delete", id: third.id },
      { kind: "delete", id: second.id },
    ]);
  });

  it("deletes every entry of a cleared cell", () => {
    const first = entry({ startedAt: "2026-11-24T08:00:00Z", endedAt: "2026-11-24T10:00:00Z", ...row });
    const second = entry({ startedAt: "2026-11-24T11:00:00Z", endedAt: "2026-11-24T11:30:00Z", ...row });
    expect(planCell(row, cellOf(first, second), 0, "2026-11-24", paris, [])).toEqual([
      { kind: "delete", id: first.id },
      { kind: "delete", id: second.id },
    ]);
  });
});
