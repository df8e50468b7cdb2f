import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { toProblem } from "../api/problem";
import { accounts } from "../auth/accounts";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { ResendVerification } from "./ResendVerification";
import { useLinkToken } from "./useLinkToken";

/** The landing page of the emailed verification link: verifies on arrival, then says so. */
export function VerifyEmail() {
  const token = useLinkToken();
  // A query rather than an effect: it runs once per token, even when React mounts the page twice.
  const verification = useQuery({
    queryKey: ["verify-email", token],
    queryFn: () => accounts.verifyEmail(token ?? "").then(() => true),
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });

  if (token === null)
    return (
      <AuthLayout title="This link is incomplete" intro="The verification link has no token. Open the link from the email again, or copy all of it into the address bar.">
        <Button asChild variant="secondary">
          <Link to="/sign-in">Go to sign in</Link>
        </Button>
      </AuthLayout>
    );
  if (verification.isPending)
    return (
      <AuthLayout title="Confirming your email…">
        <p className="muted" role="status">
          One moment.
        </p>
      </AuthLayout>
    );
  if (verification.isError) {
    const problem = toProblem(verification.error);
    // A refused token is the usual case (used, expired, mistyped): say so in the person's words, not the API's.
    const refused = problem.status !== null && problem.status >= 400 && problem.status < 500;
    return (
      <AuthLayout title="We could not confirm your email">
        <div className="stack">
          <FormAlert title={refused ? "This link is unknown, expired or already used." : problem.title}>
            {!refused && problem.detail && <p>{problem.detail}</p>}
          </FormAlert>
          <p className="muted">Each link works once and expires after a while. Get a new one here:</p>
          <ResendVerification />
        </div>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Your email is confirmed">
      <div className="stack">
        <FormAlert tone="success" title="Thank you: your address is verified." />
        <Button asChild className="button--block">
          <Link to="/sign-in">Sign in</Link>
        </Button>
      </div>
    </AuthLayout>
  );
}

export { VerifyEmail as Component };
