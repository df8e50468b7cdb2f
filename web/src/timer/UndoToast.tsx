import { Button } from "../components/Button";

/** The notice of a deletion waiting to be sent (`useUndoableDelete`): Undo takes it back, ✕ sends it now. */
export function UndoToast({ onUndo, onDismiss }: { onUndo(): void; onDismiss(): void }) {
  return (
    <div className="toast" role="status">
      <span>Entry deleted.</span>
      {/* The deleted entry's button is gone: focus moves to Undo, where a keyboard user can take it back. */}
      <Button variant="quiet" onClick={onUndo} autoFocus>
        Undo
      </Button>
      <Button variant="quiet" aria-label="Dismiss" onClick={onDismiss}>
        <span aria-hidden="true">✕</span>
      </Button>
    </div>
  );
}
