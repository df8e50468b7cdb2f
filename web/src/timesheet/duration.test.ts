import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./duration";

const seconds = (text: string) => {
  const parsed = parseDuration(text);
  return parsed.ok ? parsed.seconds : parsed.error;
};

describe("parseDuration", () => {
  it.each([
    ["1:30", 5400],
    ["0:45", 2700],
    [":30", 1800],
    ["10:05", 36300],
    ["1:30:00", 5400],
    ["2", 7200],
    ["1.5", 5400],
    ["1,5", 5400],
    [".25", 900],
    ["1.5h", 5400],
    ["1,5 h", 5400],
    ["90m", 5400],
    ["90 min", 5400],
    ["45 minutes", 2700],
    ["1h 30m", 5400],
    ["1h30m", 5400],
    ["1h30", 5400],
    ["1 h 30 min", 5400],
    ["2 hours 15 minutes", 8100],
    ["1 hour", 3600],
    ["  1H 30M  ", 5400],
    ["24:00", 86400],
  ])("reads %s as %i seconds", (text, expected) => {
    expect(seconds(text)).toBe(expected);
  });

  it("rounds to whole minutes", () => {
    expect(seconds("1.33h")).toBe(4800);
    expect(seconds("0:00:40")).toBe(60);
  });

  it("reads nothing, or zero, as clearing the cell", () => {
    expect(seconds("")).toBe(0);
    expect(seconds("   ")).toBe(0);
    expect(seconds("0")).toBe(0);
    expect(seconds("0:00")).toBe(0);
  });

  it.each([
    ["abc", "Enter a duration such as 1:30, 1.5h, 90m or 1h 30m."],
    ["1:75", "Minutes go up to 59 after the colon: write 2:15 instead."],
    ["1:30:75", "Seconds go up to 59."],
    ["-1", "A duration cannot be negative. Clear the cell to remove its time."],
    ["25", "A day has 24 hours: enter 24:00 or less."],
    ["24:01", "A day has 24 hours: enter 24:00 or less."],
    ["3d", "“d” is not a unit here: use h for hours and m for minutes."],
    ["1h 2h", "Enter a duration such as 1:30, 1.5h, 90m or 1h 30m."],
    ["1.2.3", "Enter a duration such as 1:30, 1.5h, 90m or 1h 30m."],
    ["0:00:20", "That is less than a minute: a cell holds whole minutes."],
  ])("refuses %s with a message that says what to type", (text, error) => {
    expect(parseDuration(text)).toEqual({ ok: false, error });
  });
});

describe("formatDuration", () => {
  it("shows hours and minutes, to the nearest minute", () => {
    expect(formatDuration(5400)).toBe("1:30");
    expect(formatDuration(300)).toBe("0:05");
    expect(formatDuration(43200)).toBe("12:00");
    expect(formatDuration(5385)).toBe("1:30");
  });

  it("shows nothing for no time, or what it is asked to", () => {
    expect(formatDuration(0)).toBe("");
    expect(formatDuration(0, "0:00")).toBe("0:00");
  });
});
