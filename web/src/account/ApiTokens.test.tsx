import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import type { Organization } from "../orgs/organizations";
import { renderAt } from "../test/render";
import type { Me } from "./api";
import type { ApiToken, CreatedApiToken } from "./apiTokens";
import { fakeApi } from "./fakeApi";

const ada: Me = { id: 1, email: "ada@example.test", name: "Ada Lovelace", emailVerified: true, totpEnabled: false, timeZone: "UTC", defaultHourlyRate: null };
const org = (id: number, name: string, role: Organization["role"]): Organization => ({
  id,
  name,
  slug: name.toLowerCase(),
  role,
  billingStatus: null,
  billingWarning: null,
  readOnly: false,
});
const acme = org(7, "Acme", "member");
const globex = org(8, "Globex", "admin");
const ci: ApiToken = {
  id: 3,
  name: "CI",
  organizationId: 7,
  organizationName: "Acme",
  scope: "read",
  createdAt: "2026-11-02T09:00:00Z",
  lastUsedAt: null,
  expiresAt: null,
};
const secret = "tt_pat_" + "A".repeat(43);

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));
afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

async function tokensSection() {
  return within(await screen.findByRole("region", { name: "API tokens" }));
}

describe("Account: API tokens", () => {
  it("creates a token with a scope the role allows, shows the secret once with a copy button, then lists it", async () => {
    let listed: ApiToken[] = [];
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "GET /api/v1/orgs": { status: 200, body: [acme, globex] },
      "GET /api/v1/me/api-tokens": () => ({ status: 200, body: listed }),
      "POST /api/v1/me/api-tokens": (body) => {
        const made: CreatedApiToken = { ...ci, id: 4, name: "Invoicing", organizationId: 8, organizationName: "Globex", scope: "admin", secret };
        listed = [{ ...made, secret: undefined } as unknown as ApiToken];
        expect(body).toMatchObject({ name: "Invoicing", organizationId: 8, scope: "admin" });
        return { status: 201, body: made };
      },
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const tokens = await tokensSection();
    expect(await tokens.findByText("No tokens yet")).toBeInTheDocument();

    // A member of Acme is offered read and write there; an admin of Globex also admin.
    const scopes = () => within(tokens.getByRole("group", { name: "Scope" })).getAllByRole("radio").map((r) => (r as HTMLInputElement).value);
    await waitFor(() => expect(tokens.getByLabelText("Organization")).toHaveValue("7"));
    expect(scopes()).toEqual(["read", "write"]);
    await user.selectOptions(tokens.getByLabelText("Organization"), "8");
    expect(scopes()).toEqual(["read", "write", "admin"]);

    await user.type(tokens.getByLabelText("Name"), "Invoicing");
    await user.click(tokens.getByRole("radio", { name: /Admin/ }));
    await user.selectOptions(tokens.getByLabelText("Expires"), "Never");
    await user.click(tokens.getByRole("button", { name: "Create token" }));

    const shown = within(await tokens.findByRole("region", { name: "Your new token “Invoicing”" }));
    expect(shown.getByRole("heading", { name: "Your new token “Invoicing”" })).toHaveFocus();
    expect(shown.getByText("Copy it now: it is shown only this once.")).toBeInTheDocument();
    expect(shown.getByLabelText("Token")).toHaveValue(secret);
    await user.click(shown.getByRole("button", { name: "Copy token" }));
    expect(await navigator.clipboard.readText()).toBe(secret);
    expect(shown.getByText(/^Copied\./)).toBeInTheDocument();
    expect(api.calls("POST", "/api/v1/me/api-tokens")[0]?.body).toMatchObject({ expiresAt: null });

    await user.click(shown.getByRole("button", { name: "I have saved it" }));
    expect(tokens.queryByDisplayValue(secret)).not.toBeInTheDocument();
    const item = within(await tokens.findByRole("listitem", { name: "Invoicing" }));
    expect(item.getByText("Globex")).toBeInTheDocument();
    expect(item.getByText("admin")).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(secret);
  });

  it("puts the server's field errors next to the fields", async () => {
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "GET /api/v1/orgs": { status: 200, body: [acme] },
      "GET /api/v1/me/api-tokens": { status: 200, body: [] },
      "POST /api/v1/me/api-tokens": {
        status: 400,
        body: { title: "The request is invalid", status: 400, errors: { name: ["'name' has 120 characters; at most 100 are allowed."] } },
      },
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const tokens = await tokensSection();
    await waitFor(() => expect(tokens.getByLabelText("Organization")).toHaveValue("7"));
    await user.type(tokens.getByLabelText("Name"), "Too long");
    await user.click(tokens.getByRole("button", { name: "Create token" }));
    const name = tokens.getByLabelText("Name");
    await waitFor(() => expect(name).toHaveAccessibleDescription(/at most 100 are allowed/));
    expect(name).toHaveFocus();
  });

  it("lists the tokens and revokes one only after asking", async () => {
    let listed: ApiToken[] = [ci, { ...ci, id: 5, name: "Old", expiresAt: "2026-01-01T00:00:00Z", lastUsedAt: "2025-12-31T10:00:00Z" }];
    const api = fakeApi({
      "GET /api/v1/me": { status: 200, body: ada },
      "GET /api/v1/orgs": { status: 200, body: [acme] },
      "GET /api/v1/me/api-tokens": () => ({ status: 200, body: listed }),
      "DELETE /api/v1/me/api-tokens/3": () => {
        listed = listed.filter((t) => t.id !== 3);
        return { status: 204 };
      },
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/account", routes);
    const user = userEvent.setup();
    const tokens = await tokensSection();
    const old = within(await tokens.findByRole("listitem", { name: "Old" }));
    expect(old.getAllByText("Expired")).not.toHaveLength(0);
    expect(old.getByText("Dec 31, 2025")).toBeInTheDocument();

    const item = within(tokens.getByRole("listitem", { name: "CI" }));
    expect(item.getAllByText("Never")).toHaveLength(2);
    await user.click(item.getByRole("button", { name: "Revoke CI…" }));
    expect(item.getByText(/Revoke “CI”\?/)).toHaveFocus();
    await user.click(item.getByRole("button", { name: "Cancel" }));
    expect(item.getByRole("button", { name: "Revoke CI…" })).toHaveFocus();
    expect(api.calls("DELETE", "/api/v1/me/api-tokens/3")).toHaveLength(0);

    await user.click(item.getByRole("button", { name: "Revoke CI…" }));
    await user.click(item.getByRole("button", { name: "Yes, revoke" }));
    await waitFor(() => expect(tokens.queryByRole("listitem", { name: "CI" })).not.toBeInTheDocument());
    expect(api.calls("DELETE", "/api/v1/me/api-tokens/3")).toHaveLength(1);
    expect(screen.getByText(/The token “CI” is revoked/)).toBeInTheDocument();
  });
});
