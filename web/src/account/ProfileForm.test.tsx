import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { renderAt } from "../test/render";
import type { Me } from "./api";
import { fakeApi } from "./fakeApi";

vi.mock("./timeZones", async (importOriginal) => ({ ...(await importOriginal<typeof import("./timeZones")>()), browserTimeZone: () => "Europe/Berlin" }));

const ada: Me = { id: 1, email: "ada@example.test", name: "Ada Lovelace", emailVerified: true, totpEnabled: false, timeZone: "Europe/Paris", defaultHourlyRate: null };

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));
afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

describe("Account: profile", () => {
  it("sends only what changed and says politely that it is saved", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "PATCH /api/v1/me": (body) => ({ status: 200, body: { ...ada, ...(body as object) } }),
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const name = await screen.findByLabelText("Name");
    await user.clear(name);
    await user.type(name, "Ada King");
    await user.type(screen.getByLabelText("Default hourly rate"), "85,5");
    await user.click(screen.getByRole("button", { name: "Save profile" }));

    const profile = screen.getByRole("region", { name: "Profile" });
    await waitFor(() => expect(within(profile).getByRole("status")).toHaveTextContent("Your profile is saved."));
    expect(api.calls("PATCH", "/api/v1/me").map((call) => call.body)).toEqual([{ name: "Ada King", defaultHourlyRate: 85.5 }]);
    expect(screen.getByLabelText("Default hourly rate")).toHaveValue("85.50");
  });

  it("shows the server's field errors next to their fields", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "PATCH /api/v1/me": {
        status: 400,
        body: { title: "The request is invalid", status: 400, errors: { timeZone: ["'Mars/Olympus' is not a time zone the server knows."], name: ["'name' holds U+000A."] } },
      },
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Name"), "!");
    await user.click(screen.getByRole("button", { name: "Save profile" }));

    const zone = screen.getByRole("combobox", { name: "Time zone" });
    await waitFor(() => expect(zone).toHaveAttribute("aria-invalid", "true"));
    expect(zone).toHaveAccessibleDescription(expect.stringContaining("'Mars/Olympus' is not a time zone the server knows.") as string);
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("'name' holds U+000A.");
  });

  it("refuses a rate with three decimals before sending anything", async () => {
    const api = fakeApi({ "GET /api/v1/me": { status: 200, body: ada } });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Default hourly rate"), "12.345");
    await user.click(screen.getByRole("button", { name: "Save profile" }));
    expect(await screen.findByText(/at most two decimals/)).toBeInTheDocument();
    expect(api.calls("PATCH", "/api/v1/me")).toHaveLength(0);
  });

  it("finds a time zone by typing part of its name and takes it with Enter", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "PATCH /api/v1/me": (body) => ({ status: 200, body: { ...ada, ...(body as object) } }),
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const zone = await screen.findByRole("combobox", { name: "Time zone" });
    expect(zone).toHaveValue("Europe/Paris");
    await user.clear(zone);
    await user.type(zone, "new york");
    expect(screen.getByRole("option", { name: /America\/New_York/ })).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Enter}");
    expect(zone).toHaveValue("America/New_York");
    await user.click(screen.getByRole("button", { name: "Save profile" }));
    await waitFor(() => expect(api.calls("PATCH", "/api/v1/me").map((call) => call.body)).toEqual([{ timeZone: "America/New_York" }]));
  });

  it("keeps the chosen zone when the person leaves the field without choosing", async () => {
    vi.stubGlobal("fetch", fakeApi({ "GET /api/v1/me": { status: 200, body: ada } }).fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const zone = await screen.findByRole("combobox", { name: "Time zone" });
    await user.clear(zone);
    await user.type(zone, "nowhere at all");
    expect(screen.getByText(/No time zone matches/)).toBeInTheDocument();
    await user.tab();
    expect(zone).toHaveValue("Europe/Paris");
  });

  it("offers the browser's zone while the account still has UTC, and saves it", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: { ...ada, timeZone: "UTC" } },
      "PATCH /api/v1/me": (body) => ({ status: 200, body: { ...ada, ...(body as object) } }),
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const zone = await screen.findByRole("combobox", { name: "Time zone" });
    expect(zone).toHaveValue("Europe/Berlin");
    expect(zone).toHaveAccessibleDescription(/still has UTC/);
    await user.click(screen.getByRole("button", { name: "Save profile" }));
    await waitFor(() => expect(api.calls("PATCH", "/api/v1/me").map((call) => call.body)).toEqual([{ timeZone: "Europe/Berlin" }]));
  });
});
