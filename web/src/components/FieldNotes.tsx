import { useId, type ReactNode } from "react";

/** The ids that tie a field's control to its hint and its error, so a screen reader reads them with it. */
export interface FieldIds {
  id: string;
  hintId: string | undefined;
  errorId: string | undefined;
  /** For the control's `aria-describedby`: the error first, then the hint. */
  describedBy: string | undefined;
}

/** Ids for a field that shows `hint` and `error` (each id only when there is something to point at). */
export function useFieldIds(hint: ReactNode, error: string | undefined): FieldIds {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: [errorId, hintId].filter(Boolean).join(" ") || undefined };
}

/** What every field shows under its control: its error (from the problem's `errors`), then its hint. */
export function FieldNotes({ ids, hint, error }: { ids: FieldIds; hint: ReactNode; error: string | undefined }) {
  return (
    <>
      {error && (
        <p className="field__error" id={ids.errorId}>
          <span className="field__error-icon" aria-hidden="true">
            ⚠
          </span>
          {error}
        </p>
      )}
      {hint && (
        <p className="field__hint" id={ids.hintId}>
          {hint}
        </p>
      )}
    </>
  );
}
