import { usePageTitle } from "../components/AuthLayout";
import { RequireRole } from "../orgs/RequireRole";
import { useOrganization } from "../orgs/useOrganization";
import { TimesheetPolicySection } from "../approvals/TimesheetPolicySection";
import { TimerPolicy } from "./TimerPolicy";
import "./settings.css";

/** `/orgs/:orgId/settings` (admins and owners): the organization's rules, one section per capability. */
export function SettingsPage() {
  return (
    <RequireRole role="admin" title="Settings">
      <Settings />
    </RequireRole>
  );
}

function Settings() {
  usePageTitle("Settings");
  const organization = useOrganization();
  return (
    <section className="page settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <TimesheetPolicySection orgId={organization.id} />
      <TimerPolicy />
    </section>
  );
}

export { SettingsPage as Component };
