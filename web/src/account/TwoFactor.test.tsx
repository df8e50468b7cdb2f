import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { renderAt } from "../test/render";
import type { Me } from "./api";
import { fakeApi } from "./fakeApi";

const ada: Me = { id: 1, email: "ada@example.test", name: "Ada Lovelace", emailVerified: true, totpEnabled: false, timeZone: "Europe/Paris", defaultHourlyRate: null };
const codes = Array.from({ length: 10 }, (_, i) => `c0de-000${i}-aaaa-bbbb`);
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const tokens = { accessToken: "new.access.token", expiresIn: 900, tokenType: "Bearer" };

const made: string[] = [];
beforeEach(() => {
  session.signIn({ accessToken: "a.b.c", expiresIn: 900 });
  // jsdom has no Blob URLs; record what the download link would hold.
  URL.createObjectURL = (blob: Blob) => {
    const reader = new FileReader();
    reader.onload = () => made.push(String(reader.result));
    reader.readAsText(blob);
    return `blob:test/${made.length}`;
  };
  URL.revokeObjectURL = () => undefined;
});
afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
  made.length = 0;
});

async function openTwoFactor() {
  const region = await screen.findByRole("region", { name: "Two-step verification" });
  return within(region);
}

describe("Account: two-step verification", () => {
  it("sets up with a QR code drawn in the page, turns on with a code, and shows the backup codes once", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "POST /api/v1/auth/2fa/setup": { status: 200, body: { secret, otpauthUri: `otpauth://totp/TimeTracker:ada%40example.test?secret=${secret}&issuer=TimeTracker` } },
      "POST /api/v1/auth/2fa/enable": { status: 200, body: { backupCodes: codes, ...tokens } },
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const twoFactor = await openTwoFactor();
    expect(twoFactor.getByText("Off")).toBeInTheDocument();
    await user.click(twoFactor.getByRole("button", { name: "Set up two-step verification" }));
    expect(twoFactor.getByRole("heading", { name: "Set up two-step verification" })).toHaveFocus();
    await user.type(twoFactor.getByLabelText("Password"), "correct horse battery staple");
    await user.click(twoFactor.getByRole("button", { name: "Continue" }));

    const qr = await twoFactor.findByRole("img", { name: /QR code to add TimeTracker/ });
    expect(qr.tagName.toLowerCase()).toBe("svg");
    expect(qr.querySelector("path")?.getAttribute("d")).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
    expect(twoFactor.getByText("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP")).toBeInTheDocument();
    expect(api.calls("POST", "/api/v1/auth/2fa/setup").map((call) => call.body)).toEqual([{ password: "correct horse battery staple" }]);

    await user.type(twoFactor.getByLabelText("Code from your app"), "123 456");
    await user.click(twoFactor.getByRole("button", { name: "Turn on" }));
    const list = await twoFactor.findByRole("list", { name: "Backup codes" });
    expect(within(list).getAllByRole("listitem").map((item) => item.textContent)).toEqual(codes);
    expect(api.calls("POST", "/api/v1/auth/2fa/enable").map((call) => call.body)).toEqual([{ password: "correct horse battery staple", code: "123456" }]);
    // Turning on ends the other sessions and the old tokens: the page carries on with the new ones.
    expect(session.current.accessToken).toBe("new.access.token");

    const download = twoFactor.getByRole("link", { name: "Download .txt" });
    expect(download).toHaveAttribute("download", "timetracker-backup-codes.txt");
    expect(download.getAttribute("href")).toMatch(/^blob:/);
    await waitFor(() => expect(made.find((text) => text.startsWith("TimeTracker backup codes"))).toContain(codes.join("\n")));

    await user.click(twoFactor.getByRole("button", { name: "Copy codes" }));
    expect(await navigator.clipboard.readText()).toBe(codes.join("\n"));
    expect(twoFactor.getByText(/The codes are copied/)).toBeInTheDocument();

    await user.click(twoFactor.getByRole("button", { name: "I have saved my codes" }));
    expect(twoFactor.queryByText(codes[0]!)).not.toBeInTheDocument();
    expect(twoFactor.getByText("On")).toBeInTheDocument();
    expect(twoFactor.getByRole("button", { name: "Replace backup codes" })).toBeInTheDocument();
  });

  it("puts a wrong password and a wrong code next to their fields", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: { ...ada, totpEnabled: true } },
      "POST /api/v1/auth/2fa/backup-codes": { status: 403, body: { title: "Wrong code", status: 403, detail: "The code is not valid or was already used." } },
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const twoFactor = await openTwoFactor();
    await user.click(twoFactor.getByRole("button", { name: "Replace backup codes" }));
    await user.type(twoFactor.getByLabelText("Password"), "correct horse battery staple");
    await user.type(twoFactor.getByLabelText("Code from your app"), "000000");
    await user.click(twoFactor.getByRole("button", { name: "Make new codes" }));
    const code = twoFactor.getByLabelText("Code from your app");
    await waitFor(() => expect(code).toHaveAccessibleDescription("The code is not valid or was already used."));
    expect(code).toHaveFocus();
  });

  it("replaces the backup codes and shows the new ones", async () => {
    const fresh = codes.map((code) => code.replace("c0de", "fre5"));
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: { ...ada, totpEnabled: true } },
      "POST /api/v1/auth/2fa/backup-codes": { status: 200, body: { backupCodes: fresh } },
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const twoFactor = await openTwoFactor();
    await user.click(twoFactor.getByRole("button", { name: "Replace backup codes" }));
    await user.type(twoFactor.getByLabelText("Password"), "correct horse battery staple");
    await user.type(twoFactor.getByLabelText("Code from your app"), "654321");
    await user.click(twoFactor.getByRole("button", { name: "Make new codes" }));
    expect(await twoFactor.findByRole("heading", { name: "Your new backup codes" })).toBeInTheDocument();
    expect(twoFactor.getByText(fresh[9]!)).toBeInTheDocument();
  });

  it("turns off, and since the server signs every device out, goes to the sign-in saying why", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: { ...ada, totpEnabled: true } },
      "POST /api/v1/auth/2fa/disable": { status: 204 },
      "POST /api/v1/auth/logout": { status: 401, body: { title: "Unauthorized", status: 401 } },
    });
    vi.stubGlobal("fetch", api.fetch);
    const { router } = renderAt("/account", routes);
    const user = userEvent.setup();
    const twoFactor = await openTwoFactor();
    await user.click(twoFactor.getByRole("button", { name: "Turn off" }));
    await user.type(twoFactor.getByLabelText("Password"), "correct horse battery staple");
    await user.type(twoFactor.getByLabelText("Code from your app"), "654321");
    await user.click(twoFactor.getByRole("button", { name: "Turn off" }));
    expect(await screen.findByText(/Two-step verification is off, and every device was signed out/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe("/sign-in");
    expect(screen.getByLabelText("Email")).toHaveValue("ada@example.test");
    expect(session.current.accessToken).toBeNull();
  });

  it("asks to confirm the address before offering to set up", async () => {
    vi.stubGlobal("fetch", fakeApi({ "GET /api/v1/me": { status: 200, body: { ...ada, emailVerified: false } } }).fetch);
    renderAt("/account", routes);
    const twoFactor = await openTwoFactor();
    expect(twoFactor.getByText("Confirm your email address first.")).toBeInTheDocument();
    expect(twoFactor.queryByRole("button", { name: "Set up two-step verification" })).not.toBeInTheDocument();
  });
});
