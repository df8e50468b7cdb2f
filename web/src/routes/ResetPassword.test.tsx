import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { answerWith, renderAt } from "../test/render";

afterEach(() => vi.unstubAllGlobals());

describe("Reset password", () => {
  it("refuses two different passwords next to the second field, without asking the server", async () => {
    const server = answerWith(204, undefined);
    vi.stubGlobal("fetch", server.fetch);
    renderAt("/reset-password?token=t1", routes);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("New password"), "a long enough passphrase");
    await user.type(screen.getByLabelText("New password, again"), "a long enough passphrasf");
    await user.click(screen.getByRole("button", { name: "Save new password" }));
    expect(await screen.findByText("The two passwords differ.")).toBeInTheDocument();
    expect(screen.getByLabelText("New password, again")).toHaveAttribute("aria-invalid", "true");
    expect(server.requests).toHaveLength(0);
  });

  it("sends the link's token with the new password, and takes the token out of the address", async () => {
    const server = answerWith(204, undefined);
    vi.stubGlobal("fetch", server.fetch);
    const { router } = renderAt("/reset-password?token=t1", routes);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("New password"), "a long enough passphrase");
    await waitFor(() => expect(router.state.location.search).toBe(""));
    await user.type(screen.getByLabelText("New password, again"), "a long enough passphrase");
    await user.click(screen.getByRole("button", { name: "Save new password" }));
    expect(await screen.findByRole("heading", { name: "Your password is changed" })).toBeInTheDocument();
    expect(await server.requests[0]?.json()).toEqual({ token: "t1", newPassword: "a long enough passphrase" });
  });

  it("shows the server's password rule next to the new password", async () => {
    vi.stubGlobal("fetch", answerWith(400, { title: "The request is invalid.", status: 400, errors: { newPassword: ["The password is too easy to guess."] } }).fetch);
    renderAt("/reset-password?token=t1", routes);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("New password"), "password1234");
    await user.type(screen.getByLabelText("New password, again"), "password1234");
    await user.click(screen.getByRole("button", { name: "Save new password" }));
    await waitFor(() => expect(screen.getByLabelText("New password")).toHaveAccessibleDescription(expect.stringContaining("The password is too easy to guess.")));
  });
});
