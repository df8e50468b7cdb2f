import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PasswordStrength } from "./PasswordStrength";

describe("PasswordStrength", () => {
  it("says a short password is too short", () => {
    render(<PasswordStrength password="short" />);
    expect(screen.getByRole("meter", { name: "Password strength" })).toHaveAttribute("aria-valuetext", "Too short (5 of 12 characters)");
  });

  it("rates a common password weak and a long random one strong", async () => {
    const { rerender } = render(<PasswordStrength password="password1234" />);
    const meter = screen.getByRole("meter", { name: "Password strength" });
    await waitFor(() => expect(meter).toHaveAttribute("aria-valuetext", "Very weak"));
    rerender(<PasswordStrength password="glacier tuba orbit 47 maple" />);
    await waitFor(() => expect(meter).toHaveAttribute("aria-valuetext", "Very strong"));
  });

  it("counts what the person typed elsewhere (their name) against the password", async () => {
    render(<PasswordStrength password="adalovelace1815" userInputs={["Ada Lovelace", "adalovelace1815@example.test"]} />);
    await waitFor(() => expect(Number(screen.getByRole("meter").getAttribute("aria-valuenow"))).toBeLessThan(3));
  });
});
