import { useParams } from "react-router";
import { usePageTitle } from "../components/AuthLayout";

/** The target of the billing emails' link (/orgs/{id}/billing); the billing screens come in a later part of issue 18. */
export function Billing() {
  const { orgId: id } = useParams();
  usePageTitle("Billing");
  return (
    <section className="page" aria-labelledby="billing-title">
      <h1 id="billing-title">Billing</h1>
      <div className="empty">
        <p className="empty__title">Billing for organization {id} is not in the web app yet.</p>
        <p className="muted">Until it is, an owner can manage the subscription through the API.</p>
      </div>
    </section>
  );
}

export { Billing as Component };
