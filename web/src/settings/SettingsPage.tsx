import { usePageTitle } from "../components/AuthLayout";
import { RequireRole } from "../orgs/RequireRole";
import { TimerPolicy } from "./TimerPolicy";
import "./settings.css";

/** `/orgs/:orgId/settings` (admins and owners): the organization's rules, a section each. */
export function SettingsPage() {
  return (
    <RequireRole role="admin" title="Settings">
      <SettingsScreen />
    </RequireRole>
  );
}

function SettingsScreen() {
  usePageTitle("Settings");
  return (
    <section className="page settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <TimerPolicy />
    </section>
  );
}

export { SettingsPage as Component };
