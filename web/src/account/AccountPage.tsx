import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { toProblem } from "../api/problem";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { ProblemAlert } from "../components/ProblemAlert";
import { account, meKey, type Me } from "./api";
import { ApiTokens } from "./ApiTokens";
import { PasswordForm } from "./PasswordForm";
import { ProfileForm } from "./ProfileForm";
import { SignOutEverywhere } from "./SignOutEverywhere";
import { TwoFactor } from "./TwoFactor";
import "./account.css";

/** One part of the page: its heading and what it is for on one side, its form on the other (stacked on a phone). */
function Section({ id, title, intro, children }: { id: string; title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <section className="account-section" aria-labelledby={`${id}-title`}>
      <div className="account-section__about">
        <h2 id={`${id}-title`}>{title}</h2>
        <p className="muted">{intro}</p>
      </div>
      <div className="account-section__body">{children}</div>
    </section>
  );
}

function Sections({ me }: { me: Me }) {
  return (
    <>
      <Section id="profile" title="Profile" intro={<>How you appear to your organizations, and the zone your days are counted in.</>}>
        <p className="account-email">
          <span className="field__label">Email</span>
          <span>
            {me.email}{" "}
            {me.emailVerified ? <span className="badge badge--on">Confirmed</span> : <span className="badge badge--warning">Not confirmed yet</span>}
          </span>
        </p>
        <ProfileForm me={me} />
      </Section>
      <Section id="password" title="Password" intro="Use one you use nowhere else. A password manager can make and remember it.">
        <PasswordForm me={me} />
      </Section>
      <Section id="two-factor" title="Two-step verification" intro="A code from an authenticator app on your phone, asked for after your password.">
        <TwoFactor me={me} />
      </Section>
      <Section id="sessions" title="Sessions" intro="Where you are signed in.">
        <SignOutEverywhere />
      </Section>
      <Section id="api-tokens" title="API tokens" intro="For scripts and other apps: each token acts as you in one organization, with the scope you give it.">
        <ApiTokens me={me} />
      </Section>
    </>
  );
}

/** The account: profile, password, two-step verification, sign out everywhere. */
export function AccountPage() {
  usePageTitle("Account");
  const me = useQuery({ queryKey: meKey, queryFn: account.me });
  return (
    <div className="page account">
      <header className="account__header">
        <h1 id="account-title">Account</h1>
        {me.data && <p className="muted">{me.data.name ? `${me.data.name} · ${me.data.email}` : me.data.email}</p>}
      </header>
      {me.isPending && (
        <p className="loading" role="status">
          Loading your account…
        </p>
      )}
      {me.isError && (
        <div className="stack">
          <ProblemAlert problem={toProblem(me.error)} />
          <div>
            <Button variant="secondary" onClick={() => void me.refetch()}>
              Try again
            </Button>
          </div>
        </div>
      )}
      {me.data && <Sections me={me.data} />}
    </div>
  );
}

export { AccountPage as Component };
