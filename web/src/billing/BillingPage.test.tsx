import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { renderAt } from "../test/render";
import { Confirming } from "./BillingPage";
import { leaveFor } from "./leave";
import { billingOf, serveOrganization } from "./testServer";

vi.mock("./leave", () => ({ leaveFor: vi.fn() }));

const defaults = { ...Confirming };

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));

afterEach(() => {
  Object.assign(Confirming, defaults);
  vi.mocked(leaveFor).mockReset();
  vi.unstubAllGlobals();
  session.signOut();
  localStorage.clear();
});

const fact = (name: string) => screen.getByText(name, { selector: "dt" }).nextElementSibling?.textContent;

describe("the billing page", () => {
  it("shows the status, plan, seats, trial end and next billing date, and Manage billing opens Stripe's portal", async () => {
    const server = serveOrganization(
      { billingStatus: "active" },
      {
        "GET /api/v1/orgs/1/billing": [
          200,
          billingOf({
            status: "active",
            plan: { price: "price_team_monthly", name: "Team", amount: 8.5, currency: "EUR", interval: "month" },
            seats: { used: 4, paid: 5, members: 3, pendingInvitations: 1 },
            trialEndsAt: "2026-11-01T12:00:00Z",
            nextBillingDate: "2027-01-05T12:00:00Z",
            hasCustomer: true,
          }),
        ],
        "POST /api/v1/orgs/1/billing/portal": [200, { id: "bps_1", url: "https://billing.stripe.test/p/session/bps_1" }],
      },
    );
    renderAt("/orgs/1/billing", routes);

    expect(await screen.findByRole("heading", { level: 1, name: "Billing" })).toBeInTheDocument();
    await waitFor(() => expect(fact("Status")).toBe("Active"));
    expect(fact("Plan")).toBe("Team, €8.50 per seat per month");
    expect(fact("Seats")).toBe("4 used of 5 paid");
    expect(fact("Trial ends")).toBe("November 1, 2026");
    expect(fact("Next billing date")).toBe("January 5, 2027");
    // A live subscription is changed in the portal: a second Checkout would bill twice.
    expect(screen.queryByRole("button", { name: /subscribe/i })).not.toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole("button", { name: "Manage billing" }));
    await waitFor(() => expect(leaveFor).toHaveBeenCalledWith("https://billing.stripe.test/p/session/bps_1"));
    expect(server.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/v1/orgs/1/billing/portal"]);
  });

  it("subscribes with the chosen plan through a Checkout the server starts, and sends the browser to it", async () => {
    const server = serveOrganization(
      {},
      {
        "GET /api/v1/orgs/1/billing": [
          200,
          billingOf({
            plans: [
              { price: "price_team_monthly", name: "Team monthly", amount: 8.5, currency: "EUR", interval: "month" },
              { price: "price_team_yearly", name: null, amount: null, currency: null, interval: null },
            ],
          }),
        ],
        "POST /api/v1/orgs/1/billing/checkout": [200, { id: "cs_1", url: "https://checkout.stripe.test/c/pay/cs_1" }],
      },
    );
    renderAt("/orgs/1/billing", routes);
    const user = userEvent.setup();

    expect(await screen.findByText("No subscription")).toBeInTheDocument();
    expect(fact("Seats")).toBe("3 used");
    expect(screen.queryByRole("button", { name: "Manage billing" })).not.toBeInTheDocument();
    const plans = screen.getByRole("group", { name: "Plan" });
    expect(within(plans).getByRole("radio", { name: "Team monthly, €8.50 per seat per month" })).toBeChecked();
    await user.click(within(plans).getByRole("radio", { name: "price_team_yearly" }));
    await user.click(screen.getByRole("button", { name: "Subscribe" }));

    await waitFor(() => expect(leaveFor).toHaveBeenCalledWith("https://checkout.stripe.test/c/pay/cs_1"));
    expect(server.requests.find((r) => r.method === "POST")).toMatchObject({ path: "/api/v1/orgs/1/billing/checkout", body: { price: "price_team_yearly" } });
    expect(screen.getByRole("button", { name: "Subscribe" })).toHaveAttribute("aria-busy", "true");
  });

  it("back from Checkout, says the payment is being confirmed and asks again until the webhook has made it active", async () => {
    Confirming.every = 20;
    let asked = 0;
    serveOrganization(
      {},
      {
        "GET /api/v1/orgs/1/billing": () => {
          asked += 1;
          return [200, asked < 3 ? billingOf() : billingOf({ status: "active", seats: { used: 3, paid: 3, members: 3, pendingInvitations: 0 }, hasCustomer: true })];
        },
      },
    );
    renderAt("/orgs/1/billing?checkout=success&session_id=cs_1", routes);

    expect(await screen.findByText("Confirming your payment…")).toBeInTheDocument();
    expect(await screen.findByText("Your subscription is active")).toBeInTheDocument();
    expect(fact("Status")).toBe("Active");
    expect(screen.getByRole("button", { name: "Manage billing" })).toBeInTheDocument();
  });

  it("says so when the confirmation takes long, and Check again asks once more", async () => {
    Object.assign(Confirming, { every: 20, for: 100 });
    let asked = 0;
    serveOrganization({}, { "GET /api/v1/orgs/1/billing": () => [200, billingOf({ status: asked++ > 100 ? "active" : null })] });
    renderAt("/orgs/1/billing?checkout=success&session_id=cs_1", routes);

    expect(await screen.findByText("This is taking longer than usual")).toBeInTheDocument();
    asked = 1000;
    await userEvent.setup().click(screen.getByRole("button", { name: "Check again" }));
    expect(await screen.findByText("Your subscription is active")).toBeInTheDocument();
  });

  it("tells of a canceled Checkout, and shows Stripe's failure with its request id", async () => {
    serveOrganization(
      {},
      {
        "GET /api/v1/orgs/1/billing": [200, billingOf()],
        "POST /api/v1/orgs/1/billing/checkout": [
          502,
          {
            title: "Stripe call failed",
            status: 502,
            detail: "Stripe refused the request with 500 (api_error): boom. Stripe's request id is req_42xyz; quote it to Stripe's support if this persists.",
            stripeRequestId: "req_42xyz",
          },
        ],
      },
    );
    renderAt("/orgs/1/billing?checkout=canceled", routes);

    expect(await screen.findByText("Checkout was canceled")).toBeInTheDocument();
    await userEvent.setup().click(await screen.findByRole("button", { name: "Subscribe" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Checkout did not start: Stripe call failed");
    expect(alert).toHaveTextContent("req_42xyz");
    expect(leaveFor).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: "Subscribe" })).not.toHaveAttribute("aria-busy");
  });

  it("is for owners: an admin is told why, and no billing request is made", async () => {
    const server = serveOrganization({ role: "admin" });
    renderAt("/orgs/1/billing", routes);

    expect(await screen.findByRole("heading", { level: 1, name: "Billing is for owners" })).toBeInTheDocument();
    expect(server.requests.some((r) => r.path.endsWith("/billing"))).toBe(false);
  });
});
