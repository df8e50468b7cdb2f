import { useEffect, useId, useRef } from "react";
import type { FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";

/**
 * Asks before something that cannot be undone from this screen (removing a member, revoking an invitation): the question
 * takes the focus, so a screen reader reads it; the answer is a button naming what happens.
 */
export function Confirm({
  question,
  confirm,
  busy,
  problem,
  onConfirm,
  onCancel,
}: {
  question: string;
  confirm: string;
  busy: boolean;
  problem: FormProblem | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const asked = useRef<HTMLParagraphElement>(null);
  const id = useId();
  useEffect(() => asked.current?.focus(), []);
  return (
    <div className="members-confirm" role="group" aria-labelledby={id}>
      <ProblemAlert problem={problem} />
      <p id={id} className="members-confirm__question" tabIndex={-1} ref={asked}>
        {question}
      </p>
      <div className="members-actions">
        <Button className="members-danger" busy={busy} onClick={onConfirm}>
          {confirm}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
