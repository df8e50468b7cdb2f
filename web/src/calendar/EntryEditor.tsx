import { useEffect, useRef, type KeyboardEvent } from "react";
import { Button } from "../components/Button";
import type { Project, TimeEntry } from "../timer/api";
import { EntryRow } from "../timer/EntryRow";
import { dayLabel, dayOf } from "../timer/time";

export interface EntryEditorProps {
  entry: TimeEntry;
  orgId: number;
  timeZone: string;
  projects: Project[] | undefined;
  onClose(): void;
  onContinue(entry: TimeEntry): void;
  onDelete(entry: TimeEntry): void;
  readOnly: boolean;
}

/**
 * An entry opened from its block: My time's row (each field saves on Enter or when left, the server's refusal shows
 * under it; a locked entry's fields are read-only), in a panel above the grid. Focus goes to its first field and, when
 * it closes (Close or Escape), back to the block, which the page finds by the entry's id.
 */
export function EntryEditor({ entry, orgId, timeZone, projects, onClose, onContinue, onDelete, readOnly }: EntryEditorProps) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>(".entry input, .entry select")?.focus();
  }, [entry.id]);

  // Escape in a field puts its unsaved text back (the row does that) and closes the panel too.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <section ref={panel} className="cal-editor" role="dialog" aria-labelledby="cal-editor-title" onKeyDown={onKeyDown}>
      <div className="cal-editor__head">
        <h2 id="cal-editor-title" className="cal-editor__title">
          {entry.lockedAt !== null ? "Entry (invoiced, locked)" : readOnly ? "Entry (read-only)" : "Edit entry"} · <span className="muted">{dayLabel(dayOf(entry.startedAt, timeZone))}</span>
        </h2>
        <Button variant="quiet" onClick={onClose}>
          Close
        </Button>
      </div>
      <ul className="cal-editor__list">
        <EntryRow entry={entry} orgId={orgId} timeZone={timeZone} projects={projects} onContinue={onContinue} onDelete={onDelete} readOnly={readOnly} />
      </ul>
    </section>
  );
}
