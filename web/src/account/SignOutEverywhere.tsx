import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { account } from "./api";
import { continueSignedOut } from "./signedOut";
import { useAskFirst } from "./useAskFirst";

/** Ends every session of the account (other browsers, phones, API scripts' tokens), this one included, after asking. */
export function SignOutEverywhere() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { asking, question, opener, ask, cancel } = useAskFirst();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const signOut = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await account.signOutEverywhere();
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
      return;
    }
    await continueSignedOut(navigate, queryClient, "You are signed out everywhere: on every device and browser, and here.");
  };

  if (!asking)
    return (
      <div className="stack">
        <p className="muted">Lost a phone, or signed in on a shared computer? End every session at once, this one included.</p>
        <div className="account-actions">
          <Button
            variant="secondary"
            ref={opener}
            onClick={ask}
          >
            Sign out everywhere…
          </Button>
        </div>
      </div>
    );
  return (
    <div className="stack account-confirm" role="group" aria-labelledby="sign-out-everywhere-question">
      <ProblemAlert problem={problem} />
      <p id="sign-out-everywhere-question" className="account-confirm__question" tabIndex={-1} ref={question}>
        Sign out of every device and browser, this one too? Scripts using API tokens keep working: revoke those below.
      </p>
      <div className="account-actions">
        <Button className="button--danger" busy={busy} onClick={signOut}>
          {busy ? "Signing out…" : "Yes, sign out everywhere"}
        </Button>
        <Button variant="quiet" onClick={cancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
