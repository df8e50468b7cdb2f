import { describe, expect, it } from "vitest";
import { matchTimeZones, timeZones, utcOffset } from "./timeZones";

describe("time zones", () => {
  it("lists UTC and the IANA zones of the browser", () => {
    const zones = timeZones();
    expect(zones).toContain("UTC");
    expect(zones).toContain("Europe/Paris");
    expect(zones).toContain("America/New_York");
  });

  it("finds a zone by any part of its name, as people type it, cities that start with it first", () => {
    const zones = ["America/New_York", "America/North_Dakota/New_Salem", "Europe/Paris", "Asia/Novosibirsk"];
    expect(matchTimeZones(zones, "new york")).toEqual(["America/New_York"]);
    expect(matchTimeZones(zones, "NEW_YORK")).toEqual(["America/New_York"]);
    expect(matchTimeZones(zones, "new")).toEqual(["America/New_York", "America/North_Dakota/New_Salem"]);
    expect(matchTimeZones(zones, "no")).toEqual(["Asia/Novosibirsk", "America/North_Dakota/New_Salem"]);
    expect(matchTimeZones(zones, "europe/par")).toEqual(["Europe/Paris"]);
    expect(matchTimeZones(zones, "  ")).toEqual(zones);
  });

  it("says each zone's offset from UTC at a given moment", () => {
    expect(utcOffset("America/St_Johns", new Date("2026-01-15T12:00:00Z"))).toBe("UTC-03:30");
    expect(utcOffset("UTC", new Date("2026-01-15T12:00:00Z"))).toBe("UTC+00:00");
  });
});
