import { PagePlaceholder } from "../orgs/PagePlaceholder";
import { RequireRole } from "../orgs/RequireRole";

export function InvoicePrint() {
  return (
    <RequireRole role="admin" title="Invoice">
      <PagePlaceholder title="Invoice" />
    </RequireRole>
  );
}

export { InvoicePrint as Component };
