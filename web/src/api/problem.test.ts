import { describe, expect, it } from "vitest";
import { readProblem } from "./problem";

describe("readProblem", () => {
  it("puts each field's messages under the field's name", () => {
    const problem = readProblem(
      { title: "The request is invalid.", status: 400, errors: { email: ["'email' is required."], newPassword: ["Too short.", "Too common."] } },
      400,
    );
    expect(problem.fields).toEqual({ email: "'email' is required.", newPassword: "Too short. Too common." });
    expect(problem.title).toBe("The request is invalid.");
    expect(problem.status).toBe(400);
  });

  it("gives a general message for a body that is no problem (a proxy's HTML page)", () => {
    const problem = readProblem("<html>Bad gateway</html>", 502);
    expect(problem).toEqual({ title: "Something went wrong.", detail: null, status: 502, fields: {} });
  });

  it("says the server could not be reached when there was no answer", () => {
    const problem = readProblem(undefined);
    expect(problem.title).toBe("The server could not be reached.");
    expect(problem.status).toBeNull();
  });

  it("ignores errors that are not lists of strings", () => {
    expect(readProblem({ errors: { email: "not a list", name: [1, 2] } }).fields).toEqual({});
  });
});
