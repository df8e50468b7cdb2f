import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { answerWith, renderAt } from "../test/render";

afterEach(() => vi.unstubAllGlobals());

describe("routing", () => {
  it("shows the not-found page for an unknown path", async () => {
    renderAt("/no/such/page", routes);
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to the start page" })).toHaveAttribute("href", "/");
  });

  it("sends a signed-out visitor of the app to sign in, remembering where they wanted to go", async () => {
    // The session the page tries to restore: none (no cookie).
    vi.stubGlobal("fetch", answerWith(401, { title: "Not signed in", status: 401 }).fetch);
    const { router } = renderAt("/orgs/4/billing", routes);
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.search).toBe("?next=%2Forgs%2F4%2Fbilling");
  });
});
