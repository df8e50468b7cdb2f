import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { answerWith, renderAt } from "../test/render";

afterEach(() => vi.unstubAllGlobals());

describe("Verify email", () => {
  it("verifies the link's token once on arrival, then says so", async () => {
    const server = answerWith(204, undefined);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/verify-email?token=tok-1", routes);
    expect(await screen.findByRole("heading", { name: "Your email is confirmed" })).toBeInTheDocument();
    expect(server.requests).toHaveLength(1);
    expect(await server.requests[0]?.json()).toEqual({ token: "tok-1" });
  });

  it("says a refused link is unknown, expired or used, and offers a new one", async () => {
    vi.stubGlobal("fetch", answerWith(400, { title: "Invalid verification token", status: 400, detail: "Request a new one with POST …" }).fetch);
    renderAt("/verify-email?token=old", routes);
    expect(await screen.findByRole("heading", { name: "We could not confirm your email" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("This link is unknown, expired or already used.");
    expect(screen.queryByText(/POST/)).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Send a new link" })).toBeInTheDocument();
  });
});
