import { useEffect, useRef, useState } from "react";

/**
 * An action of the account page asked about in place before it runs: the question takes the focus when asked (so a
 * screen reader reads it), and the button that asked gets it back when the person cancels.
 */
export function useAskFirst() {
  const [asking, setAsking] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) question.current?.focus();
    else if (asked.current) opener.current?.focus();
  }, [asking]);
  const ask = () => {
    asked.current = true;
    setAsking(true);
  };
  return { asking, question, opener, ask, cancel: () => setAsking(false) };
}
