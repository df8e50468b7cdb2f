import { PagePlaceholder } from "../orgs/PagePlaceholder";
import { RequireRole } from "../orgs/RequireRole";

export function InvoicePage() {
  return (
    <RequireRole role="admin" title="Invoice">
      <PagePlaceholder title="Invoice" />
    </RequireRole>
  );
}

export { InvoicePage as Component };
