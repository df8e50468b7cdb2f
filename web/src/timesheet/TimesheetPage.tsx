import { PagePlaceholder } from "../orgs/PagePlaceholder";

export function TimesheetPage() {
  return <PagePlaceholder title="Timesheet" />;
}

export { TimesheetPage as Component };
