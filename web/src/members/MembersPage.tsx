import { PagePlaceholder } from "../orgs/PagePlaceholder";
import { RequireRole } from "../orgs/RequireRole";

export function MembersPage() {
  return (
    <RequireRole role="admin" title="Members">
      <PagePlaceholder title="Members" />
    </RequireRole>
  );
}

export { MembersPage as Component };
