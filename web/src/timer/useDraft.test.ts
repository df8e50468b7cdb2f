import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useDraft } from "./useDraft";

const saved = { description: "Design", projectId: "7", billable: false };

describe("A draft of the timer's fields", () => {
  it("keeps what the person typed through a refresh of the entry, and takes the rest from the server", () => {
    const { result } = renderHook(() => useDraft(saved));
    act(() => result.current.text("description").onChange({ target: { value: "Design review" } }));
    act(() => result.current.reset({ ...saved, projectId: "9" }, { keepChanged: true }));
    expect(result.current.values).toEqual({ description: "Design review", projectId: "9", billable: false });
    expect(result.current.isChanged("description")).toBe(true);
  });

  it("lets a change go once the server's entry matches it, so later refreshes show the server's text again", () => {
    const { result } = renderHook(() => useDraft(saved));
    act(() => result.current.set("description", "Design review"));
    act(() => result.current.reset({ ...saved, description: "Design review" }, { keepChanged: true }));
    expect(result.current.isChanged("description")).toBe(false);
    act(() => result.current.reset({ ...saved, description: "Renamed in another tab" }, { keepChanged: true }));
    expect(result.current.values.description).toBe("Renamed in another tab");
  });

  it("does not count a value set for the person as theirs, and forgets every change on a plain reset", () => {
    const { result } = renderHook(() => useDraft(saved));
    act(() => result.current.set("billable", true, { byPerson: false }));
    expect(result.current.isChanged("billable")).toBe(false);
    act(() => result.current.set("projectId", "3"));
    act(() => result.current.reset(saved));
    expect(result.current.values).toEqual(saved);
    expect(result.current.isChanged("projectId")).toBe(false);
  });

  it("puts one field back, with its error, and reads what a handler just set before the next render", () => {
    const { result } = renderHook(() => useDraft(saved));
    act(() => {
      result.current.set("description", "Oops");
      expect(result.current.get().description).toBe("Oops");
      result.current.setError("description", "Too long.");
    });
    expect(result.current.errors.description).toBe("Too long.");
    act(() => result.current.undo("description"));
    expect(result.current.values.description).toBe("Design");
    expect(result.current.errors.description).toBeUndefined();
  });
});
