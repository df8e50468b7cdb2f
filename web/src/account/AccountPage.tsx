import { usePageTitle } from "../components/AuthLayout";

/** The account: profile, password, two-factor sign-in, sign out everywhere (the account slice of issue 18 builds it). */
export function AccountPage() {
  usePageTitle("Account");
  return (
    <section className="page" aria-labelledby="account-title">
      <h1 id="account-title">Account</h1>
    </section>
  );
}

export { AccountPage as Component };
