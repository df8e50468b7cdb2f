import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { routes } from "../app/routes";
import { renderAt } from "../test/render";

describe("routing", () => {
  it("shows the not-found page for an unknown path", async () => {
    renderAt("/no/such/page", routes);
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to the start page" })).toHaveAttribute("href", "/");
  });

  it("sends a signed-out visitor of the app to sign in, remembering where they wanted to go", async () => {
    const { router } = renderAt("/orgs/4/billing", routes);
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(router.state.location.search).toBe("?next=%2Forgs%2F4%2Fbilling");
  });
});
