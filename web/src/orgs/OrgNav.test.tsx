import { screen, within } from "@testing-library/react";
import { Outlet } from "react-router";
import { describe, expect, it } from "vitest";
import { renderAt } from "../test/render";
import { OrgNav } from "./OrgNav";
import { RequireRole } from "./RequireRole";
import type { Organization } from "./organizations";
import { organization } from "./testData";

function layout(org: Organization) {
  return [
    {
      path: "/orgs/:orgId",
      element: (
        <>
          <OrgNav organization={org} />
          <Outlet context={org} />
        </>
      ),
      children: [
        { path: "members", element: <RequireRole role="admin" title="Members"><h1>Member list</h1></RequireRole> },
        { path: "billing", element: <RequireRole role="owner" title="Billing"><h1>Billing details</h1></RequireRole> },
      ],
    },
  ];
}

const links = () => within(screen.getByRole("navigation", { name: "Lab pages" })).getAllByRole("link").map((link) => link.textContent);

describe("the organization's pages", () => {
  it("offers a member only the pages of their own time", () => {
    renderAt("/orgs/3/members", layout(organization(3, "Lab", "member")));
    expect(links()).toEqual(["Timesheet", "Calendar", "Reports"]);
  });

  it("offers an admin the team's pages, and an owner billing too", () => {
    const { unmount } = renderAt("/orgs/3/members", layout(organization(3, "Lab", "admin")));
    expect(links()).toEqual(["Timesheet", "Calendar", "Reports", "Invoices", "Projects", "Members", "Approvals", "Settings"]);
    unmount();
    renderAt("/orgs/3/members", layout(organization(3, "Lab", "owner")));
    expect(links()).toEqual(["Timesheet", "Calendar", "Reports", "Invoices", "Projects", "Members", "Approvals", "Settings", "Billing"]);
  });

  it("marks the current page", () => {
    renderAt("/orgs/3/members", layout(organization(3, "Lab", "admin")));
    expect(screen.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
  });

  it("tells a member who opens an admin's page why it is not for them, instead of showing it", () => {
    renderAt("/orgs/3/members", layout(organization(3, "Lab", "member")));
    expect(screen.getByRole("heading", { level: 1, name: "Members is for admins and owners" })).toBeInTheDocument();
    expect(screen.queryByText("Member list")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go to my time" })).toHaveAttribute("href", "/orgs/3/time");
  });

  it("lets an admin past an admin's page but not an owner's", () => {
    renderAt("/orgs/3/billing", layout(organization(3, "Lab", "admin")));
    expect(screen.getByRole("heading", { level: 1, name: "Billing is for owners" })).toBeInTheDocument();
  });
});
