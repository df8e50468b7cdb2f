import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { accounts } from "../auth/accounts";
import { useSession } from "../auth/useSession";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { rememberOrganization } from "../orgs/lastOrganization";
import { meQuery, organizations, orgKeys } from "../orgs/organizations";
import { pendingInvitation } from "../orgs/pendingInvitation";
import { useLinkToken } from "./useLinkToken";

/** Where signing in or up leads back to: this page, which finds the token in memory (see pendingInvitation). */
const back = encodeURIComponent("/accept-invitation");

/**
 * The target of the invitation email's link. Signed out, it asks the person to sign in or create an account first and
 * brings them back; signed in, one button joins, then the organization opens.
 */
export function AcceptInvitation() {
  const fromLink = useLinkToken();
  const [token] = useState(() => {
    if (fromLink !== null) pendingInvitation.keep(fromLink);
    return fromLink ?? pendingInvitation.current;
  });
  const { accessToken } = useSession();

  if (token === null)
    return (
      <AuthLayout title="This invitation link is incomplete" intro="The link has no token. Open it from the invitation email again, or copy all of it into the address bar.">
        <Button asChild variant="secondary">
          <Link to="/">Go to TimeTracker</Link>
        </Button>
      </AuthLayout>
    );
  if (accessToken === null)
    return (
      <AuthLayout
        title="You are invited"
        intro="Someone invited you to their organization on TimeTracker. Sign in with the address the invitation was sent to, and you come back here to join."
        footer={<p>New to TimeTracker? Create an account with that address first, and confirm it from the email we send you.</p>}
      >
        <div className="stack">
          <Button asChild className="button--block">
            <Link to={`/sign-in?next=${back}`}>Sign in</Link>
          </Button>
          <Button asChild variant="secondary" className="button--block">
            <Link to={`/sign-up?next=${back}`}>Create an account</Link>
          </Button>
        </div>
      </AuthLayout>
    );
  return <Join token={token} />;
}

function Join({ token }: { token: string }) {
  const me = useQuery(meQuery);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const join = useMutation({
    mutationFn: () => organizations.acceptInvitation(token),
    onSuccess: (organization) => {
      pendingInvitation.forget();
      queryClient.setQueryData(orgKeys.one(organization.id), organization);
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      if (me.data) rememberOrganization(me.data.id, organization.id);
      navigate(`/orgs/${organization.id}`, { replace: true });
    },
    // A 400 is a token the server does not take (unknown, expired, replaced, revoked or used): the link is dead for good.
    onError: (error) => {
      if (toProblem(error).status === 400) pendingInvitation.forget();
    },
  });

  if (join.isError) return <JoinRefused problem={toProblem(join.error)} email={me.data?.email ?? null} />;
  return (
    <AuthLayout
      title="You are invited"
      intro={
        me.data ? (
          <>
            You are signed in as <strong>{me.data.email}</strong>. Join the organization that invited this address; its name is in the invitation email.
          </>
        ) : (
          "Join the organization that invited you; its name is in the invitation email."
        )
      }
    >
      <div className="stack">
        <Button className="button--block" busy={join.isPending} onClick={() => join.mutate()}>
          {join.isPending ? "Joining…" : "Join the organization"}
        </Button>
        <Button asChild variant="quiet">
          <Link to="/">Not now</Link>
        </Button>
      </div>
    </AuthLayout>
  );
}

/** Why joining failed, in the person's words, and what to do next. */
function JoinRefused({ problem, email }: { problem: FormProblem; email: string | null }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const otherAddress = problem.status === 403;
  const dead = problem.status === 400;
  const title = dead ? "This invitation link no longer works" : otherAddress ? "This invitation is for another email address" : problem.title;
  return (
    <AuthLayout title="We could not add you">
      <div className="stack">
        <FormAlert title={title}>
          {dead && <p>It is unknown, expired, replaced by a newer invitation, revoked, or already used. Ask whoever invited you to send a new one.</p>}
          {otherAddress && (
            <p>
              {email ? <>You are signed in as <strong>{email}</strong>. </> : null}
              Sign in, or create an account, with the address the invitation was sent to, then join.
            </p>
          )}
          {!dead && !otherAddress && problem.detail && <p>{problem.detail}</p>}
        </FormAlert>
        {otherAddress && (
          <Button
            className="button--block"
            onClick={async () => {
              await accounts.signOut();
              // The next person's profile and organizations must not be answered from this one's cache.
              queryClient.clear();
              navigate(`/sign-in?next=${back}`, { replace: true });
            }}
          >
            Sign out and use another account
          </Button>
        )}
        <Button asChild variant={otherAddress ? "quiet" : "secondary"}>
          <Link to="/">Go to your organizations</Link>
        </Button>
      </div>
    </AuthLayout>
  );
}

export { AcceptInvitation as Component };
