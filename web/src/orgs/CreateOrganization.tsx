import { usePageTitle } from "../components/AuthLayout";

/** Create an organization (the organizations slice of issue 18 builds it). */
export function CreateOrganization() {
  usePageTitle("New organization");
  return (
    <section className="page" aria-labelledby="new-org-title">
      <h1 id="new-org-title">New organization</h1>
    </section>
  );
}

export { CreateOrganization as Component };
