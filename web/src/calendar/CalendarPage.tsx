import { PagePlaceholder } from "../orgs/PagePlaceholder";

export function CalendarPage() {
  return <PagePlaceholder title="Calendar" />;
}

export { CalendarPage as Component };
