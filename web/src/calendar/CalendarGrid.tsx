import { useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { Link } from "react-router";
import type { Project, TimeEntry, TimeEntryChange } from "../timer/api";
import { projectName } from "../timer/pickers";
import { dayLabel, type DateKey } from "../timer/time";
import {
  clockText,
  draggedSpan,
  hourMarks,
  instantOf,
  minuteAt,
  minuteOfDay,
  minutesPerDay,
  openingMinute,
  placeAll,
  projectHue,
  segmentsOf,
  snap,
  snapMinutes,
  type Placed,
  type Span,
} from "./layout";

/** An entry as the calendar draws it: its span (a running timer ends now), and whether it can change. */
export interface CalendarItem extends Span {
  entry: TimeEntry;
  running: boolean;
  locked: boolean;
  /** Not yet the server's (a timer just started): drawn, but not changed until it is confirmed. */
  provisional: boolean;
}

/** The height of an hour, in pixels: a quarter hour is 12 px, enough to aim at with a finger. */
export const hourHeight = 48;
const pixelsPerMinute = hourHeight / 60;
/** How far a pointer must go before a press becomes a drag (a shorter one is a click). */
const dragThreshold = 4;

type DragKind = "create" | "start" | "end" | "move";

interface Drag {
  kind: DragKind;
  pointerId: number;
  day: DateKey;
  x: number;
  y: number;
  /** The minute the press was at, in the column it started in. */
  minute: number;
  placed?: Placed<CalendarItem>;
  moved: boolean;
}

/** Where a drag would put an entry, drawn until the server has answered. */
interface Preview {
  kind: DragKind;
  id: number | null;
  day: DateKey;
  top: number;
  bottom: number;
  pending: boolean;
}

export interface CalendarGridProps {
  days: DateKey[];
  timeZone: string;
  items: CalendarItem[];
  projects: Project[] | undefined;
  now: number;
  /** Creates an entry from `top` to `bottom` (wall-clock minutes) on `day`; settles once the page has said how it went. */
  onCreate(day: DateKey, top: number, bottom: number): Promise<unknown>;
  /** The organization is read-only: nothing is created, moved or resized (entries still open, to be read). */
  readOnly: boolean;
  /** Changes an entry; settles once the page has taken the answer (or said why not). */
  onChange(item: CalendarItem, change: TimeEntryChange): Promise<unknown>;
  onOpen(item: CalendarItem): void;
}

/** The name a block is read by: what, on which project, when, and whether it runs or is locked. */
export function blockName(item: CalendarItem, projects: Project[] | undefined, timeZone: string): string {
  const what = item.entry.description?.trim() || "No description";
  const project = projectName(projects, item.entry.projectId) ?? "no project";
  const from = clockText(minuteOfDay(item.start, timeZone));
  const to = item.running ? "now" : clockText(minuteOfDay(item.end, timeZone));
  const flags = `${item.running ? ", running" : ""}${item.locked ? ", locked (invoiced)" : ""}${item.entry.autoStopped ? ", auto-stopped" : ""}`;
  return `${what}, ${project}, ${from} to ${to}${flags}`;
}

/**
 * The days side by side with the hours down the side, each entry a block placed by its start and length. A hand-made
 * grid rather than a calendar library: what it needs (blocks, quarter-hour drags, the person's own time zone whatever
 * the browser's) is a few hundred lines, where the libraries bring their own date model and tens of kilobytes.
 *
 * With a mouse or a pen, a drag on empty time creates an entry, a drag on a block's top or bottom edge moves its start
 * or end, and a drag on the block moves it (to another day too, in the week). A finger scrolls the grid (what a phone
 * is for) and drags the edges; "Add time" creates by keyboard or touch, and every block is a button that opens it.
 */
export function CalendarGrid({ days, timeZone, items, projects, now, onCreate, onChange, onOpen, readOnly }: CalendarGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const columns = useRef(new Map<DateKey, HTMLDivElement>());
  const drag = useRef<Drag | null>(null);
  const swallowClick = useRef(false);
  const [preview, setShown] = useState<Preview | null>(null);
  // Read by the release too, which may run before the last move's render.
  const previewRef = useRef<Preview | null>(null);
  const setPreview = (next: Preview | null) => {
    previewRef.current = next;
    setShown(next);
  };
  const placed = placeAll(segmentsOf(items, days, timeZone), days);
  const firstDay = days[0];

  // Opens at the working day, or around now when today is shown; again when the days change, never on a re-render.
  useLayoutEffect(() => {
    // A little above the hour, so that its label is not cut in half.
    if (scroller.current) scroller.current.scrollTop = Math.max(0, openingMinute(days, Date.now(), timeZone) * pixelsPerMinute - 12);
  }, [firstDay, days.length, timeZone]);

  const minuteIn = (day: DateKey, clientY: number) => {
    const top = columns.current.get(day)?.getBoundingClientRect().top ?? 0;
    return minuteAt(clientY - top, pixelsPerMinute);
  };
  const dayAt = (clientX: number, fallback: DateKey) => {
    for (const [day, column] of columns.current) {
      const rect = column.getBoundingClientRect();
      if (clientX >= rect.left && clientX < rect.right) return day;
    }
    return fallback;
  };

  const press = (event: ReactPointerEvent<HTMLElement>, day: DateKey, kind: DragKind, target?: Placed<CalendarItem>) => {
    swallowClick.current = false;
    if (readOnly || event.button !== 0 || drag.current !== null || previewRef.current?.pending) return;
    if (kind === "create" && (event.pointerType === "touch" || (event.target as HTMLElement).closest(".cal-block"))) return;
    if (target && (target.entry.locked || target.entry.provisional)) return;
    // A finger on a block's body scrolls the grid; only its edges take a finger's drag.
    if (kind === "move" && (event.pointerType === "touch" || target?.entry.running || target?.continuesBefore || target?.continuesAfter)) return;
    event.stopPropagation();
    if (kind !== "move") event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drag.current = { kind, pointerId: event.pointerId, day, x: event.clientX, y: event.clientY, minute: minuteIn(day, event.clientY), placed: target, moved: false };
  };

  const moveTo = (event: ReactPointerEvent<HTMLElement>) => {
    const current = drag.current;
    if (current === null || current.pointerId !== event.pointerId) return;
    if (!current.moved && Math.hypot(event.clientX - current.x, event.clientY - current.y) < dragThreshold) return;
    current.moved = true;
    const minute = minuteIn(current.day, event.clientY);
    const target = current.placed;
    const id = target?.entry.id ?? null;
    if (current.kind === "create" || target === undefined) {
      setPreview({ kind: "create", id, day: current.day, ...draggedSpan(current.minute, minute), pending: false });
    } else if (current.kind === "start") {
      setPreview({ kind: "start", id, day: current.day, top: Math.min(snap(minute), target.bottom - snapMinutes), bottom: target.bottom, pending: false });
    } else if (current.kind === "end") {
      setPreview({ kind: "end", id, day: current.day, top: target.top, bottom: Math.max(snap(minute), target.top + snapMinutes), pending: false });
    } else {
      const height = target.bottom - target.top;
      const top = Math.min(minutesPerDay - height, Math.max(0, snap(target.top + minute - current.minute)));
      setPreview({ kind: "move", id, day: dayAt(event.clientX, current.day), top, bottom: top + height, pending: false });
    }
  };

  const release = async (event: ReactPointerEvent<HTMLElement>) => {
    const current = drag.current;
    if (current === null || current.pointerId !== event.pointerId) return;
    drag.current = null;
    const preview = previewRef.current;
    if (!current.moved || preview === null) {
      setPreview(null);
      return;
    }
    // The click that follows a drag on a block must not open it.
    swallowClick.current = current.kind !== "create";
    const target = current.placed?.entry;
    const change = target ? changeOf(current.kind, target, preview, timeZone) : null;
    if (current.kind !== "create" && change === null) {
      setPreview(null);
      return;
    }
    setPreview({ ...preview, pending: true });
    try {
      if (current.kind === "create") await onCreate(preview.day, preview.top, preview.bottom);
      else if (target && change) await onChange(target, change);
    } finally {
      // The server's entry (now in the list) or, after a refusal, the entry as it was, takes the preview's place.
      setPreview(null);
    }
  };

  const cancel = () => {
    drag.current = null;
    setPreview(null);
  };

  const todayLine = (day: DateKey) => {
    const start = instantOf(day, 0, timeZone).getTime();
    const end = instantOf(day, minutesPerDay, timeZone).getTime();
    return now >= start && now < end ? minuteOfDay(now, timeZone) : null;
  };

  return (
    <div className={`cal cal--${days.length === 1 ? "day" : "week"}`}>
      {days.length > 1 && (
        <div className="cal__heads" aria-hidden="true">
          <span className="cal__gutter" />
          {days.map((day) => (
            <Link key={day} className="cal__head" to={{ search: `?view=day&date=${day}` }} tabIndex={-1}>
              <span className="cal__weekday">{dayLabel(day).split(",")[0]?.slice(0, 3)}</span>{" "}
              <span className="cal__date">{Number(day.slice(8))}</span>
            </Link>
          ))}
        </div>
      )}
      {/* Focusable, so that a day with no entries to tab to can still be scrolled from the keyboard. */}
      <div
        className="cal__scroll"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label={days.length === 1 ? "The day, hour by hour" : "The week, hour by hour"}
      >
        <div className="cal__body" style={{ height: 24 * hourHeight }} onPointerMove={moveTo} onPointerUp={release} onPointerCancel={cancel}>
          <div className="cal__hours" aria-hidden="true">
            {hourMarks.slice(1).map((minute) => (
              <span key={minute} className="cal__hour" style={{ top: minute * pixelsPerMinute }}>
                {clockText(minute)}
              </span>
            ))}
          </div>
          {days.map((day) => {
            const line = todayLine(day);
            const shown = preview?.day === day ? preview : null;
            return (
              <div
                key={day}
                role="group"
                aria-label={dayLabel(day)}
                className="cal__day"
                data-day={day}
                ref={(element) => {
                  if (element) columns.current.set(day, element);
                  else columns.current.delete(day);
                }}
                onPointerDown={(event) => press(event, day, "create")}
              >
                {(placed.get(day) ?? []).map((segment) => (
                  <Block
                    key={segment.entry.id}
                    segment={segment}
                    projects={projects}
                    timeZone={timeZone}
                    dragged={preview?.id === segment.entry.id}
                    readOnly={readOnly}
                    onPress={(event, kind) => press(event, day, kind, segment)}
                    onOpen={() => {
                      if (swallowClick.current) swallowClick.current = false;
                      else onOpen(segment.entry);
                    }}
                  />
                ))}
                {shown && (
                  <div
                    className={`cal-preview${shown.pending ? " cal-preview--pending" : ""}`}
                    style={{ top: shown.top * pixelsPerMinute, height: (shown.bottom - shown.top) * pixelsPerMinute }}
                    aria-hidden="true"
                  >
                    {clockText(shown.top)} – {clockText(shown.bottom)}
                  </div>
                )}
                {line !== null && <div className="cal__now" style={{ top: line * pixelsPerMinute }} aria-hidden="true" />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** What a finished drag asks the server to change, or null when it changes nothing. */
export function changeOf(kind: DragKind, item: CalendarItem, preview: Preview, timeZone: string): TimeEntryChange | null {
  const start = instantOf(preview.day, preview.top, timeZone);
  const end = instantOf(preview.day, preview.bottom, timeZone);
  if (kind === "start") return start.getTime() === item.start ? null : { startedAt: start.toISOString() };
  if (kind === "end") return end.getTime() === item.end ? null : { endedAt: end.toISOString() };
  if (kind === "move") {
    if (start.getTime() === item.start) return null;
    // A move keeps the entry's real length, whatever a daylight-saving night does to the clock.
    return { startedAt: start.toISOString(), endedAt: new Date(start.getTime() + item.end - item.start).toISOString() };
  }
  return null;
}

interface BlockProps {
  segment: Placed<CalendarItem>;
  projects: Project[] | undefined;
  timeZone: string;
  dragged: boolean;
  readOnly: boolean;
  onPress(event: ReactPointerEvent<HTMLElement>, kind: DragKind): void;
  onOpen(): void;
}

function Block({ segment, projects, timeZone, dragged, readOnly, onPress, onOpen }: BlockProps) {
  const { entry: item, top, bottom, lane, lanes } = segment;
  const hue = projectHue(item.entry.projectId);
  const project = projectName(projects, item.entry.projectId);
  const changeable = !readOnly && !item.locked && !item.provisional;
  const height = (bottom - top) * pixelsPerMinute;
  const short = height < 40;
  const classes = [
    "cal-block",
    item.running && "cal-block--running",
    item.locked && "cal-block--locked",
    dragged && "cal-block--dragged",
    height < 20 && "cal-block--tiny",
  ];
  return (
    <button
      type="button"
      className={classes.filter(Boolean).join(" ")}
      data-entry={item.entry.id}
      data-hue={hue ?? "none"}
      aria-label={blockName(item, projects, timeZone)}
      style={{
        top: top * pixelsPerMinute,
        height: (bottom - top) * pixelsPerMinute,
        left: `calc(${(lane / lanes) * 100}% + 1px)`,
        width: `calc(${100 / lanes}% - 3px)`,
      }}
      onPointerDown={(event) => onPress(event, "move")}
      onClick={onOpen}
    >
      {changeable && !segment.continuesBefore && (
        <span className="cal-block__edge cal-block__edge--top" data-edge="start" onPointerDown={(event) => onPress(event, "start")} />
      )}
      <span className="cal-block__text">
        <span className="cal-block__what">
          {item.locked && <span aria-hidden="true">🔒 </span>}
          {item.entry.description?.trim() || "No description"}
        </span>
        {!short && project && <span className="cal-block__project">{project}</span>}
        {!short && item.entry.autoStopped && <span className="cal-block__project">Auto-stopped</span>}
        {!short && (
          <span className="cal-block__times">
            {clockText(minuteOfDay(item.start, timeZone))} – {item.running ? "now" : clockText(minuteOfDay(item.end, timeZone))}
          </span>
        )}
      </span>
      {changeable && !item.running && !segment.continuesAfter && (
        <span className="cal-block__edge cal-block__edge--bottom" data-edge="end" onPointerDown={(event) => onPress(event, "end")} />
      )}
    </button>
  );
}
