import { PagePlaceholder } from "../orgs/PagePlaceholder";

export function ReportsPage() {
  return <PagePlaceholder title="Reports" />;
}

export { ReportsPage as Component };
