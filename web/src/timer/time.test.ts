import { describe, expect, it } from "vitest";
import {
  addDays,
  dayLabel,
  dayOf,
  elapsedSeconds,
  formatClock,
  groupByDay,
  instantAt,
  isDateKey,
  parseTags,
  spokenDuration,
  timeOf,
  weekLabel,
  weekStart,
} from "./time";

const entry = (startedAt: string, durationSeconds: number | null) => ({ startedAt, durationSeconds });

describe("Days in the person's time zone", () => {
  it("puts an instant on the day its zone's clocks show, whatever the browser's zone", () => {
    expect(dayOf("2026-11-24T23:30:00Z", "Europe/Paris")).toBe("2026-11-25");
    expect(dayOf("2026-11-24T23:30:00Z", "UTC")).toBe("2026-11-24");
    expect(dayOf("2026-11-25T03:00:00Z", "America/Los_Angeles")).toBe("2026-11-24");
    expect(timeOf("2026-11-24T23:30:00Z", "Asia/Kolkata")).toBe("05:00");
  });

  it("groups entries by the day they start on, newest day first, with each day's total of finished entries", () => {
    const entries = [
      entry("2026-11-23T08:00:00Z", 3600),
      entry("2026-11-23T23:30:00Z", 1800), // 00:30 on the 24th in Paris
      entry("2026-11-24T10:00:00Z", 5400),
      entry("2026-11-24T12:00:00Z", null), // running: counts once it stops
    ];
    const paris = groupByDay(entries, "Europe/Paris");
    expect(paris.map((day) => [day.day, day.totalSeconds, day.entries.length])).toEqual([
      ["2026-11-24", 1800 + 5400, 3],
      ["2026-11-23", 3600, 1],
    ]);
    expect(paris[0]?.entries.map((e) => e.startedAt)).toEqual(["2026-11-24T12:00:00Z", "2026-11-24T10:00:00Z", "2026-11-23T23:30:00Z"]);

    const newYork = groupByDay(entries, "America/New_York");
    expect(newYork.map((day) => [day.day, day.totalSeconds])).toEqual([
      ["2026-11-24", 5400],
      ["2026-11-23", 3600 + 1800],
    ]);
  });

  it("keeps an entry across midnight whole on the day it started", () => {
    const days = groupByDay([entry("2026-11-24T22:00:00Z", 4 * 3600)], "UTC");
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ day: "2026-11-24", totalSeconds: 14400 });
  });

  it("draws day boundaries right on the nights the clocks change", () => {
    // Paris leaves summer time on 25 October 2026 at 03:00 CEST (01:00 UTC): that day has 25 hours.
    expect(dayOf("2026-10-25T22:59:59Z", "Europe/Paris")).toBe("2026-10-25");
    expect(dayOf("2026-10-25T23:00:00Z", "Europe/Paris")).toBe("2026-10-26");
    expect(dayOf("2026-10-24T21:59:59Z", "Europe/Paris")).toBe("2026-10-24");
    expect(dayOf("2026-10-24T22:00:00Z", "Europe/Paris")).toBe("2026-10-25");
    const days = groupByDay([entry("2026-10-24T22:30:00Z", 60), entry("2026-10-25T22:30:00Z", 120), entry("2026-10-25T23:30:00Z", 180)], "Europe/Paris");
    expect(days.map((day) => [day.day, day.totalSeconds])).toEqual([
      ["2026-10-26", 180],
      ["2026-10-25", 180],
    ]);
  });

  it("reads a wall time back as the instant, on both sides of a DST change", () => {
    expect(instantAt("2026-11-24", "09:00", "Europe/Paris").toISOString()).toBe("2026-11-24T08:00:00.000Z");
    expect(instantAt("2026-07-01", "09:00", "Europe/Paris").toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(instantAt("2026-03-08", "12:00", "America/New_York").toISOString()).toBe("2026-03-08T16:00:00.000Z");
    expect(instantAt("2026-03-07", "12:00", "America/New_York").toISOString()).toBe("2026-03-07T17:00:00.000Z");
    // 02:30 does not exist on 29 March 2026 in Paris: it is read as 03:30 summer time.
    expect(instantAt("2026-03-29", "02:30", "Europe/Paris").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // 02:30 happens twice on 25 October 2026: the first one (summer time) is taken.
    expect(instantAt("2026-10-25", "02:30", "Europe/Paris").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(instantAt("2026-11-24", "00:00", "Pacific/Chatham").toISOString()).toBe("2026-11-23T10:15:00.000Z");
  });
});

describe("Weeks", () => {
  it("start on Monday, across months and years", () => {
    expect(weekStart("2026-11-24")).toBe("2026-11-23");
    expect(weekStart("2026-11-23")).toBe("2026-11-23");
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    expect(weekStart("2027-01-01")).toBe("2026-12-28");
  });

  it("step by seven calendar days, whatever the clocks do", () => {
    expect(addDays("2026-10-19", 7)).toBe("2026-10-26");
    expect(addDays("2026-03-02", -7)).toBe("2026-02-23");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
  });

  it("read as a range and days as headings", () => {
    // ICU puts thin or plain spaces around the dash depending on its version.
    const spaced = (text: string) => text.replace(/\s/g, " ");
    expect(spaced(weekLabel("2026-11-23", "en-GB"))).toMatch(/^23 ?– ?29 November 2026$/);
    expect(spaced(weekLabel("2026-11-30", "en-GB"))).toBe("30 November – 6 December 2026");
    expect(dayLabel("2026-11-24", "en-GB")).toBe("Tuesday 24 November");
  });

  it("accept only real days from the address", () => {
    expect(isDateKey("2026-11-23")).toBe(true);
    expect(isDateKey("2026-02-30")).toBe(false);
    expect(isDateKey("next")).toBe(false);
    expect(isDateKey(null)).toBe(false);
  });
});

describe("The ticking clock", () => {
  it("reads H:MM:SS", () => {
    expect(formatClock(0)).toBe("0:00:00");
    expect(formatClock(5)).toBe("0:00:05");
    expect(formatClock(309)).toBe("0:05:09");
    expect(formatClock(3600 * 12)).toBe("12:00:00");
    expect(formatClock(3600 * 27 + 61)).toBe("27:01:01");
    expect(formatClock(-3)).toBe("0:00:00");
  });

  it("counts from the server's start by the clock, never below zero", () => {
    const start = "2026-11-24T09:00:00Z";
    expect(elapsedSeconds(start, Date.parse("2026-11-24T10:01:02.999Z"))).toBe(3662);
    expect(elapsedSeconds(start, Date.parse("2026-11-24T08:59:59Z"))).toBe(0);
  });

  it("speaks to the minute", () => {
    expect(spokenDuration(59)).toBe("less than a minute");
    expect(spokenDuration(60)).toBe("1 minute");
    expect(spokenDuration(3600 + 5 * 60)).toBe("1 hour 5 minutes");
    expect(spokenDuration(7200)).toBe("2 hours");
  });
});

it("reads tags from a comma-separated field, trimmed and without repeats", () => {
  expect(parseTags(" meeting, client ,, meeting")).toEqual(["meeting", "client"]);
  expect(parseTags("")).toEqual([]);
});
