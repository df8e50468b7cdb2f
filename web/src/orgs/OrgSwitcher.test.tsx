import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { fakeApi } from "../test/fakeApi";
import { renderAt } from "../test/render";
import { recallOrganization } from "./lastOrganization";
import { ada, organization } from "./testData";

const acme = organization(1, "Acme");
const zeta = organization(2, "Zeta Studio", "member");

beforeEach(() => {
  session.signIn({ accessToken: "a.b.c", expiresIn: 900 });
  vi.stubGlobal(
    "fetch",
    fakeApi({
      "GET /api/v1/me": [200, ada],
      "GET /api/v1/orgs": [200, [acme, zeta]],
      "GET /api/v1/orgs/1": [200, acme],
      "GET /api/v1/orgs/2": [200, zeta],
    }).fetch,
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
  localStorage.clear();
});

describe("the organization switcher", () => {
  it("lists the person's organizations by keyboard with the current one checked, and switches to another", async () => {
    const { router } = renderAt("/orgs/1/time", routes);
    const user = userEvent.setup();
    (await screen.findByRole("button", { name: "Organization: Acme" })).focus();
    // The focus loads the menu, whose trigger takes the stand-in's place and its focus (Radix marks it with data-state).
    await waitFor(() => expect(screen.getByRole("button", { name: "Organization: Acme" })).toHaveAttribute("data-state", "closed"));
    expect(screen.getByRole("button", { name: "Organization: Acme" })).toHaveFocus();
    await user.keyboard("{Enter}");

    const menu = await screen.findByRole("menu");
    expect(menu).toHaveAccessibleName("Organization: Acme");
    expect(screen.getByRole("menuitemradio", { name: "Acme, Owner" })).toHaveAttribute("aria-checked", "true");
    expect(screen.getByRole("menuitemradio", { name: "Zeta Studio, Member" })).toHaveAttribute("aria-checked", "false");
    expect(screen.getByRole("menuitem", { name: "New organization" })).toBeInTheDocument();

    await user.keyboard("{ArrowDown}");
    await waitFor(() => expect(screen.getByRole("menuitemradio", { name: "Zeta Studio, Member" })).toHaveFocus());
    await user.keyboard("{Enter}");

    await waitFor(() => expect(router.state.location.pathname).toBe("/orgs/2/time"));
    expect(recallOrganization(ada.id)).toBe(2);
    expect(await screen.findByRole("button", { name: "Organization: Zeta Studio" })).toHaveFocus();
  });

  it("leads to a new organization", async () => {
    const { router } = renderAt("/orgs/1/time", routes);
    const user = userEvent.setup();
    (await screen.findByRole("button", { name: "Organization: Acme" })).focus();
    await user.keyboard("{Enter}");
    await user.click(await screen.findByRole("menuitem", { name: "New organization" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/orgs/new"));
    expect(await screen.findByRole("heading", { level: 1, name: "New organization" })).toBeInTheDocument();
  });

  it("marks the remembered organization on pages of none, such as the account", async () => {
    localStorage.setItem(`timetracker.lastOrganization.${ada.id}`, "2");
    renderAt("/account", routes);
    expect(await screen.findByRole("button", { name: "Organization: Zeta Studio" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "My time" })).toHaveAttribute("href", "/orgs/2/time");
  });
});
