import { PagePlaceholder } from "../orgs/PagePlaceholder";
import { RequireRole } from "../orgs/RequireRole";

export function BillingPage() {
  return (
    <RequireRole role="owner" title="Billing">
      <PagePlaceholder title="Billing" />
    </RequireRole>
  );
}

export { BillingPage as Component };
