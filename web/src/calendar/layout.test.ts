import { describe, expect, it } from "vitest";
import {
  clockText,
  daysOf,
  draggedSpan,
  instantOf,
  minuteAt,
  openingMinute,
  placeDay,
  projectHue,
  segmentsOf,
  snap,
  step,
  type Span,
} from "./layout";

const paris = "Europe/Paris";
const at = (iso: string) => Date.parse(iso);
const span = (id: number, start: string, end: string): Span => ({ id, start: at(start), end: at(end) });

describe("the days a view shows", () => {
  it("is the day itself, or its week from Monday to Sunday, and moves by a day or a week", () => {
    expect(daysOf("day", "2026-12-02")).toEqual(["2026-12-02"]);
    expect(daysOf("week", "2026-12-02")).toEqual(["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(step("day", "2026-12-31", 1)).toBe("2027-01-01");
    expect(step("week", "2026-12-02", -1)).toBe("2026-11-25");
  });
});

describe("an entry's place in a day's column", () => {
  it("is its wall-clock start and end in the person's time zone, not the browser's", () => {
    // 08:00Z is 09:00 in Paris in winter.
    const [segment] = segmentsOf([span(1, "2026-12-02T08:00:00Z", "2026-12-02T09:30:00Z")], ["2026-12-02"], paris);
    expect(segment).toMatchObject({ day: "2026-12-02", top: 540, bottom: 630, continuesBefore: false, continuesAfter: false });
    const [tokyo] = segmentsOf([span(1, "2026-12-02T08:00:00Z", "2026-12-02T09:30:00Z")], ["2026-12-02"], "Asia/Tokyo");
    expect(tokyo).toMatchObject({ top: 17 * 60, bottom: 18 * 60 + 30 });
  });

  it("is cut at midnight, and an entry across it is drawn in both days", () => {
    const late = span(1, "2026-12-02T22:30:00Z", "2026-12-03T00:15:00Z"); // 23:30 to 01:15 in Paris
    const segments = segmentsOf([late], ["2026-12-02", "2026-12-03"], paris);
    expect(segments).toEqual([
      expect.objectContaining({ day: "2026-12-02", top: 1410, bottom: 1440, continuesBefore: false, continuesAfter: true }),
      expect.objectContaining({ day: "2026-12-03", top: 0, bottom: 75, continuesBefore: true, continuesAfter: false }),
    ]);
    expect(segmentsOf([late], ["2026-12-04"], paris)).toEqual([]);
  });

  it("is at least a quarter hour tall, so that a short entry can be seen and pressed", () => {
    const [segment] = segmentsOf([span(1, "2026-12-02T08:00:00Z", "2026-12-02T08:02:00Z")], ["2026-12-02"], paris);
    expect(segment).toMatchObject({ top: 540, bottom: 555 });
    const [lastMinutes] = segmentsOf([span(2, "2026-12-02T22:58:00Z", "2026-12-02T23:00:00Z")], ["2026-12-02"], paris);
    expect(lastMinutes).toMatchObject({ top: 1425, bottom: 1440 });
  });

  it("follows the wall clock on the spring day the clocks skip an hour, and reads skipped times after the jump", () => {
    // 29 March 2026: Paris goes from 02:00 (UTC+1) to 03:00 (UTC+2). 00:30Z is 01:30; 01:30Z is 03:30.
    const [segment] = segmentsOf([span(1, "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z")], ["2026-03-29"], paris);
    expect(segment).toMatchObject({ top: 90, bottom: 210 });
    expect(instantOf("2026-03-29", 150, paris).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(instantOf("2026-03-29", 180, paris).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    // The day has 23 hours: its end is the next midnight.
    expect(instantOf("2026-03-29", 1440, paris).toISOString()).toBe("2026-03-29T22:00:00.000Z");
  });

  it("draws an entry in the repeated autumn hour with its real length, and reads a repeated time as the first", () => {
    // 25 October 2026: Paris goes from 03:00 (UTC+2) back to 02:00 (UTC+1). 00:40Z is 02:40, 01:10Z is 02:10 again.
    const [segment] = segmentsOf([span(1, "2026-10-25T00:40:00Z", "2026-10-25T01:10:00Z")], ["2026-10-25"], paris);
    expect(segment).toMatchObject({ top: 160, bottom: 190 });
    expect(instantOf("2026-10-25", 150, paris).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(instantOf("2026-10-25", 1440, paris).toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });
});

describe("overlapping entries", () => {
  const place = (...spans: Span[]) =>
    placeDay(segmentsOf(spans, ["2026-12-02"], paris)).map(({ entry, lane, lanes }) => ({ id: entry.id, lane, lanes }));

  it("share the width side by side, and an entry that overlaps none takes it all", () => {
    expect(
      place(
        span(1, "2026-12-02T08:00:00Z", "2026-12-02T10:00:00Z"),
        span(2, "2026-12-02T09:00:00Z", "2026-12-02T11:00:00Z"),
        span(3, "2026-12-02T13:00:00Z", "2026-12-02T14:00:00Z"),
      ),
    ).toEqual([
      { id: 1, lane: 0, lanes: 2 },
      { id: 2, lane: 1, lanes: 2 },
      { id: 3, lane: 0, lanes: 1 },
    ]);
  });

  it("reuse a lane freed earlier, and count the lanes of the whole chain of overlaps", () => {
    // 1 overlaps 2 and 3; 4 starts when 1 has ended, in its lane, but still overlaps 3.
    expect(
      place(
        span(1, "2026-12-02T08:00:00Z", "2026-12-02T09:00:00Z"),
        span(2, "2026-12-02T08:00:00Z", "2026-12-02T08:30:00Z"),
        span(3, "2026-12-02T08:30:00Z", "2026-12-02T10:00:00Z"),
        span(4, "2026-12-02T09:00:00Z", "2026-12-02T09:30:00Z"),
      ),
    ).toEqual([
      { id: 1, lane: 0, lanes: 2 },
      { id: 2, lane: 1, lanes: 2 },
      { id: 3, lane: 1, lanes: 2 },
      { id: 4, lane: 0, lanes: 2 },
    ]);
  });

  it("do not include entries that only touch", () => {
    expect(place(span(1, "2026-12-02T08:00:00Z", "2026-12-02T09:00:00Z"), span(2, "2026-12-02T09:00:00Z", "2026-12-02T10:00:00Z"))).toEqual([
      { id: 1, lane: 0, lanes: 1 },
      { id: 2, lane: 0, lanes: 1 },
    ]);
  });
});

describe("pointer positions", () => {
  it("snap to the nearest quarter hour within the day", () => {
    expect([snap(7), snap(8), snap(52.5), snap(-20), snap(1500)]).toEqual([0, 15, 60, 0, 1440]);
    expect(minuteAt(96, 0.8)).toBe(120);
    expect(minuteAt(-5, 0.8)).toBe(0);
  });

  it("make a span from where a drag started to where it is, either way, at least a quarter hour long", () => {
    expect(draggedSpan(545, 632)).toEqual({ top: 540, bottom: 630 });
    expect(draggedSpan(632, 545)).toEqual({ top: 540, bottom: 630 });
    expect(draggedSpan(541, 543)).toEqual({ top: 540, bottom: 555 });
    expect(draggedSpan(1439, 1440)).toEqual({ top: 1425, bottom: 1440 });
  });

  it("read as clock times", () => {
    expect([clockText(0), clockText(545), clockText(1439)]).toEqual(["00:00", "09:05", "23:59"]);
  });
});

describe("where the grid opens", () => {
  it("is an hour before now when today is shown, else the start of the working day", () => {
    const now = at("2026-12-02T13:20:00Z"); // 14:20 in Paris
    expect(openingMinute(["2026-12-02"], now, paris)).toBe(13 * 60);
    expect(openingMinute(["2026-12-01"], now, paris)).toBe(8 * 60);
  });
});

it("gives each project a colour of its own among neighbours, and none to no project", () => {
  expect(new Set([1, 2, 3, 4, 5, 6, 7, 8].map(projectHue)).size).toBe(8);
  expect(projectHue(9)).toBe(projectHue(1));
  expect(projectHue(null)).toBeNull();
});
