import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { answerWith, renderAt } from "../test/render";

afterEach(() => vi.unstubAllGlobals());

async function fill(name: string, email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("Your name"), name);
  await user.type(screen.getByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Create account" }));
}

describe("Sign up", () => {
  it("registers, then tells the person where the link went", async () => {
    const server = answerWith(201, { message: "Check your inbox" });
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/sign-up", routes);
    await fill("Ada Lovelace", "ada@example.test", "glacier tuba orbit maple 47");
    expect(await screen.findByRole("heading", { name: "Check your inbox" })).toBeInTheDocument();
    expect(screen.getByText("ada@example.test")).toBeInTheDocument();
    expect(await server.requests[0]?.json()).toEqual({ name: "Ada Lovelace", email: "ada@example.test", password: "glacier tuba orbit maple 47" });
  });

  it("refuses a password shorter than the server's minimum before sending", async () => {
    const server = answerWith(201, {});
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/sign-up", routes);
    await fill("Ada", "ada@example.test", "short one");
    expect(await screen.findByText("Use at least 12 characters.")).toBeInTheDocument();
    expect(server.requests).toHaveLength(0);
  });

  it("puts the server's errors next to each field and the rest above the form", async () => {
    vi.stubGlobal(
      "fetch",
      answerWith(400, { title: "The request is invalid.", status: 400, errors: { name: ["'name' holds U+0007 at position 3."], captcha: ["Unexpected."] } }).fetch,
    );
    renderAt("/sign-up", routes);
    await fill("Ada", "ada@example.test", "glacier tuba orbit maple 47");
    expect(await screen.findByLabelText("Your name")).toHaveAccessibleDescription("'name' holds U+0007 at position 3.");
    expect(screen.getByRole("alert")).toHaveTextContent("Unexpected.");
  });
});
