import { describe, expect, it, vi } from "vitest";
import { applyProblem, safeNext } from "./forms";

describe("safeNext", () => {
  it.each([
    ["/orgs/3/billing", "/orgs/3/billing"],
    [null, "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
  ])("%s leads to %s", (next, expected) => expect(safeNext(next)).toBe(expected));
});

describe("applyProblem", () => {
  it("sets shown fields' errors and keeps the rest for the form alert", () => {
    const setError = vi.fn();
    const rest = applyProblem({ title: "Invalid", detail: null, status: 400, fields: { email: "Taken.", token: "Expired." } }, setError, ["email", "password"]);
    expect(setError).toHaveBeenCalledWith("email", { type: "server", message: "Taken." }, { shouldFocus: true });
    expect(rest?.fields).toEqual({ token: "Expired." });
  });

  it("leaves nothing for the alert when every error has its field", () => {
    expect(applyProblem({ title: "Invalid", detail: null, status: 400, fields: { email: "Taken." } }, vi.fn(), ["email"])).toBeNull();
  });
});
