import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Outlet } from "react-router";
import { session } from "../auth/session";
import { fakeApi, type Route } from "../test/fakeApi";
import { renderAt } from "../test/render";
import { ada, organization } from "../orgs/testData";
import type { Organization } from "../orgs/organizations";
import type { TimerPolicyValues } from "./api";
import { SettingsPage } from "./SettingsPage";

const defaults: TimerPolicyValues = { reminderAfterHours: 10, stopAfterHours: 24, updatedAt: null };

function serve(put: Route) {
  const api = fakeApi({ "GET /api/v1/me": [200, ada], "GET /api/v1/orgs/1/timer-policy": [200, defaults], "PUT /api/v1/orgs/1/timer-policy": put });
  vi.stubGlobal("fetch", api.fetch);
  return api;
}

function renderSettings(org: Organization) {
  return renderAt(`/orgs/${org.id}/settings`, [
    {
      path: "/orgs/:orgId",
      element: <Outlet context={org} />,
      children: [
        { path: "settings", element: <SettingsPage /> },
        { path: "time", element: <p>My time</p> },
      ],
    },
  ]);
}

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));
afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

describe("the settings page: forgotten timers", () => {
  it("shows the organization's policy, the defaults said so, and saves a new one", async () => {
    const api = serve((_, body) => [200, { ...(body as object), updatedAt: "2026-12-01T09:00:00Z" }]);
    renderSettings(organization(1, "Acme", "admin"));

    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: "Forgotten timers" })).toHaveTextContent("These are the defaults.");
    const reminder = screen.getByLabelText("Email the member after (hours)");
    const stop = screen.getByLabelText("Stop the timer after (hours)");
    expect([reminder, stop].map((field) => (field as HTMLInputElement).value)).toEqual(["10", "24"]);
    const user = userEvent.setup();
    await user.clear(reminder);
    await user.type(reminder, "8");
    await user.clear(stop);
    await user.type(stop, "12");
    await user.click(screen.getByRole("button", { name: "Save timer policy" }));

    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Saved: reminders after 8 hours, timers stopped at 12 hours."));
    expect(api.requests.filter((r) => r.method === "PUT").map((r) => r.body)).toEqual([{ reminderAfterHours: 8, stopAfterHours: 12 }]);
    expect(screen.getByRole("region", { name: "Forgotten timers" })).not.toHaveTextContent("These are the defaults.");
  });

  it("puts the server's refusal next to the field it concerns, and refuses what is not a number before sending", async () => {
    const refusal = "'reminderAfterHours' (24) must be less than 'stopAfterHours' (24): the member is reminded before the timer is stopped.";
    const api = serve([400, { title: "The request is invalid", status: 400, errors: { reminderAfterHours: [refusal] } }]);
    renderSettings(organization(1, "Acme", "owner"));
    const user = userEvent.setup();
    const reminder = await screen.findByLabelText("Email the member after (hours)");
    const stop = screen.getByLabelText("Stop the timer after (hours)");

    await user.clear(stop);
    await user.type(stop, "a day");
    await user.click(screen.getByRole("button", { name: "Save timer policy" }));
    await waitFor(() => expect(stop).toHaveAccessibleDescription(expect.stringContaining("Enter a whole number of hours.") as string));
    expect(api.requests.filter((r) => r.method === "PUT")).toEqual([]);

    await user.clear(stop);
    await user.type(stop, "24");
    await user.clear(reminder);
    await user.type(reminder, "24");
    await user.click(screen.getByRole("button", { name: "Save timer policy" }));
    await waitFor(() => expect(reminder).toHaveAttribute("aria-invalid", "true"));
    expect(reminder).toHaveAccessibleDescription(expect.stringContaining(refusal) as string);
  });

  it("tells a member the page is for admins and owners, without asking the server", async () => {
    const api = serve([500]);
    renderSettings(organization(1, "Acme", "member"));

    expect(await screen.findByRole("heading", { level: 1, name: "Settings is for admins and owners" })).toBeInTheDocument();
    expect(api.requests.filter((r) => r.path.includes("timer-policy"))).toEqual([]);
  });
});
