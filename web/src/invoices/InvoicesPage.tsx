import { PagePlaceholder } from "../orgs/PagePlaceholder";
import { RequireRole } from "../orgs/RequireRole";

export function InvoicesPage() {
  return (
    <RequireRole role="admin" title="Invoices">
      <PagePlaceholder title="Invoices" />
    </RequireRole>
  );
}

export { InvoicesPage as Component };
