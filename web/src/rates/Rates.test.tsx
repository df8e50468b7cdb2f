import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "../auth/session";
import { fakeApi } from "../test/fakeApi";
import { renderAt } from "../test/render";
import type { Rate, Repricing } from "./api";
import { RateHistory } from "./RateHistory";
import { RepricePanel } from "./RepricePanel";

const base = "/api/v1/orgs/1";
const change = (id: number, hourlyRate: number | null, effectiveFrom: string | null, state: Rate["state"]): Rate => ({
  id,
  level: "project",
  projectId: 5,
  userId: null,
  hourlyRate,
  effectiveFrom,
  state,
  createdById: 1,
  createdAt: "2026-11-01T09:00:00Z",
});

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

describe("a rate history", () => {
  it("shows the rate in effect, lists every change, and sets a new rate from the day chosen", async () => {
    const history = [change(2, 120, "2026-11-15", "current"), change(1, 100, null, "past")];
    const api = fakeApi({
      [`GET ${base}/rates`]: () => [200, { items: history, nextCursor: null }],
      [`POST ${base}/rates`]: (_, body) => {
        const { hourlyRate, effectiveFrom } = body as { hourlyRate: number; effectiveFrom: string };
        history.unshift(change(3, hourlyRate, effectiveFrom, "scheduled"));
        return [200, history[0]];
      },
    });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/", [{ path: "/", element: <RateHistory orgId={1} scope={{ projectId: 5 }} title="Rates of Website" /> }]);

    expect(await screen.findByText("120.00 / h", { selector: "strong" })).toBeInTheDocument();
    expect(screen.getByText(/from 2026-11-15/, { selector: ".rate-history__current" })).toBeInTheDocument();
    const rows = () => within(screen.getByRole("list", { name: "Rate history: Rates of Website" })).getAllByRole("listitem");
    expect(rows().map((row) => row.textContent)).toEqual(["120.00 / hfrom 2026-11-15Current", "100.00 / hfrom the beginningPast"]);

    const user = userEvent.setup();
    await user.type(screen.getByLabelText("New hourly rate"), "150");
    const from = screen.getByLabelText("From");
    await user.clear(from);
    await user.type(from, "2027-01-01");
    await user.click(screen.getByRole("button", { name: "Set rate" }));

    expect(await screen.findByText(/150.00 \/ h from 2027-01-01\. Entries already recorded keep their rate/)).toBeInTheDocument();
    expect(api.requests.find((r) => r.method === "POST")?.body).toEqual({ projectId: 5, hourlyRate: 150, effectiveFrom: "2027-01-01" });
    expect(api.requests.find((r) => r.method === "GET")?.search).toContain("level=project");
    expect(await screen.findByRole("button", { name: "Delete the rate from 2027-01-01" })).toBeInTheDocument();
  });
});

describe("re-pricing", () => {
  it("previews how many entries and which amount change, and re-prices only when confirmed", async () => {
    const answer = (applied: boolean): Repricing => ({
      from: "2026-11-01",
      to: "2026-11-30",
      entries: 5,
      changed: 3,
      invoiced: 1,
      amountBefore: 450,
      amountAfter: 540,
      applied,
    });
    const api = fakeApi({ [`POST ${base}/rates/reprice`]: (_, body) => [200, answer(!(body as { dryRun: boolean }).dryRun)] });
    vi.stubGlobal("fetch", api.fetch);
    renderAt("/", [
      { path: "/", element: <RepricePanel orgId={1} projects={[{ id: 5, name: "Website" }]} people={[{ userId: 7, name: "Grace Hopper" }]} /> },
    ]);
    const user = userEvent.setup();
    const from = screen.getByLabelText("From");
    await user.clear(from);
    await user.type(from, "2026-11-01");
    const to = screen.getByLabelText("To");
    await user.clear(to);
    await user.type(to, "2026-11-30");
    await user.selectOptions(screen.getByLabelText("Project (optional)"), "Website");
    await user.click(screen.getByRole("button", { name: "Preview" }));

    expect(await screen.findByText(/3 entries change/)).toBeInTheDocument();
    expect(screen.getByText(/of 5 from 2026-11-01 to 2026-11-30/)).toHaveTextContent("450.00 to 540.00. 1 entry on an invoice stays as it is.");
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.body).toEqual({ from: "2026-11-01", to: "2026-11-30", dryRun: true, projectId: 5 });

    await user.click(screen.getByRole("button", { name: "Re-price 3 entries" }));
    expect(await screen.findByText("Re-priced 3 entries: 450.00 became 540.00.")).toBeInTheDocument();
    expect(api.requests[1]!.body).toEqual({ from: "2026-11-01", to: "2026-11-30", dryRun: false, projectId: 5 });
  });
});
