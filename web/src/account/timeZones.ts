/** The IANA time zones this browser knows (UTC first: some engines list only geographic zones). */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/** The zone this browser runs in, if it says. */
export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** How people type a zone: "new york", "new_york", "America/New York" all find America/New_York. */
function normalize(text: string): string {
  return text.toLowerCase().replace(/[_\s]+/g, " ").trim();
}

/** The zones whose name holds every word of `query`, those starting with it first. */
export function matchTimeZones(zones: readonly string[], query: string): string[] {
  const words = normalize(query).split(/[\s/]+/).filter(Boolean);
  if (words.length === 0) return [...zones];
  const found = zones.filter((zone) => {
    const name = normalize(zone);
    return words.every((word) => name.includes(word));
  });
  const city = (zone: string) => normalize(zone.slice(zone.lastIndexOf("/") + 1));
  const first = words[0] ?? "";
  return [...found.filter((zone) => city(zone).startsWith(first)), ...found.filter((zone) => !city(zone).startsWith(first))];
}

const offsets = new Map<string, string>();

/** The zone's offset from UTC now, as "UTC+02:00" (cached: building a formatter per zone is the slow part). */
export function utcOffset(zone: string, now: Date = new Date()): string {
  const cached = offsets.get(zone);
  if (cached !== undefined) return cached;
  let offset = "";
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(now).find((part) => part.type === "timeZoneName");
    offset = name ? name.value.replace("GMT", "UTC").replace(/^UTC$/, "UTC+00:00") : "";
  } catch {
    offset = "";
  }
  offsets.set(zone, offset);
  return offset;
}
