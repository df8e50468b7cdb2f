import { Link } from "react-router";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { useLinkToken } from "./useLinkToken";

/** The target of the invitation email's link. Joining from the browser comes in the next part of issue 18. */
export function AcceptInvitation() {
  const token = useLinkToken();
  return (
    <AuthLayout
      title="You are invited"
      intro={token === null ? "This invitation link has no token. Open the link from the email again." : "Sign in or create an account first; joining the organization from the browser arrives in the next release."}
    >
      <div className="stack">
        <Button asChild className="button--block">
          <Link to="/sign-in">Sign in</Link>
        </Button>
        <Button asChild variant="secondary" className="button--block">
          <Link to="/sign-up">Create an account</Link>
        </Button>
      </div>
    </AuthLayout>
  );
}

export { AcceptInvitation as Component };
