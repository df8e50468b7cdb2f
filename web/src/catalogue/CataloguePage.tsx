import { PagePlaceholder } from "../orgs/PagePlaceholder";
import { RequireRole } from "../orgs/RequireRole";

export function CataloguePage() {
  return (
    <RequireRole role="admin" title="Projects">
      <PagePlaceholder title="Projects" />
    </RequireRole>
  );
}

export { CataloguePage as Component };
