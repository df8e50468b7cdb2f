import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { routes } from "../app/routes";
import { session } from "../auth/session";
import { renderAt } from "../test/render";
import { serveOrganization } from "./testServer";

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
  localStorage.clear();
});

const banner = () => screen.findByRole("region", { name: "Billing notice" });
const pastDue = { billingStatus: "past_due", billingWarning: "A payment failed: update the payment method.", readOnly: false } as const;
const canceled = { billingStatus: "canceled", billingWarning: "Billing needs attention.", readOnly: true } as const;

describe("the subscription banner", () => {
  it("warns owners of a failed payment on every page, with a link to Billing", async () => {
    serveOrganization({ ...pastDue });
    renderAt("/orgs/1/time", routes);

    const notice = await banner();
    expect(notice).toHaveTextContent("A payment failed");
    expect(notice).toHaveTextContent("Everything keeps working");
    expect(screen.getByRole("link", { name: "Go to Billing" })).toHaveAttribute("href", "/orgs/1/billing");
  });

  it("tells a member to ask an owner, without a link they could not use", async () => {
    serveOrganization({ ...pastDue, role: "member" });
    renderAt("/orgs/1/time", routes);

    expect(await banner()).toHaveTextContent("Ask an owner of Acme to update the payment method.");
    expect(screen.queryByRole("link", { name: /Billing/ })).not.toBeInTheDocument();
  });

  it("says a canceled organization is read-only, what still works and the way back, and the timer does not start", async () => {
    const server = serveOrganization({ ...canceled });
    renderAt("/orgs/1/time", routes);

    const notice = await banner();
    expect(notice).toHaveTextContent("Acme is read-only");
    expect(notice).toHaveTextContent("The subscription has ended. You can still read everything and export reports and invoices");
    expect(screen.getByRole("link", { name: "Go to Billing to resubscribe" })).toHaveAttribute("href", "/orgs/1/billing");
    const start = await screen.findByRole("button", { name: /Start/ });
    await waitFor(() => expect(start).toHaveAttribute("aria-disabled", "true"));
    expect(start).toHaveAccessibleDescription(/cannot start while this organization is read-only/);

    await userEvent.setup().click(start);
    expect(server.requests.some((r) => r.method === "POST")).toBe(false);
  });

  it("tells a member of a read-only organization to ask an owner to resubscribe", async () => {
    serveOrganization({ ...canceled, role: "member" });
    renderAt("/orgs/1/time", routes);

    expect(await banner()).toHaveTextContent("Ask an owner of Acme to resubscribe.");
    expect(screen.queryByRole("link", { name: /Billing/ })).not.toBeInTheDocument();
  });

  it("is not shown while billing is in order", async () => {
    serveOrganization({ billingStatus: "active" });
    renderAt("/orgs/1/time", routes);

    expect(await screen.findByRole("region", { name: "Timer" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Billing notice" })).not.toBeInTheDocument();
  });
});
