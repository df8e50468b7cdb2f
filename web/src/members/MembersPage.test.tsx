import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Outlet } from "react-router";
import { session } from "../auth/session";
import { fakeApi, type Answer, type Route } from "../test/fakeApi";
import { renderAt } from "../test/render";
import { ada, organization, page } from "../orgs/testData";
import type { Organization } from "../orgs/organizations";
import type { Member, PendingInvitation, Seats } from "./api";
import { MembersPage } from "./MembersPage";

const me: Member = { userId: ada.id, email: ada.email, name: ada.name, role: "owner", joinedAt: "2026-01-05T09:00:00Z" };
const grace: Member = { userId: 7, email: "grace@example.test", name: "Grace Hopper", role: "admin", joinedAt: "2026-02-10T09:00:00Z" };
const alan: Member = { userId: 8, email: "alan@example.test", name: "Alan Turing", role: "member", joinedAt: "2026-03-15T09:00:00Z" };
const invited: PendingInvitation = {
  id: 31,
  email: "edsger@example.test",
  role: "member",
  invitedById: ada.id,
  invitedByEmail: ada.email,
  createdAt: "2026-12-01T09:00:00Z",
  expiresAt: "2026-12-08T09:00:00Z",
};

/** A server holding the organization's members and invitations, which the screen's calls change. */
function serve(org: Organization, people: Member[], pending: PendingInvitation[] = [], paid: number | null = null, extra: Record<string, Route> = {}) {
  const state = { people: [...people], pending: [...pending] };
  const base = `/api/v1/orgs/${org.id}`;
  const routes: Record<string, Route> = {
    "GET /api/v1/me": [200, ada],
    [`GET ${base}/members`]: () => [200, page(state.people)],
    [`GET ${base}/invitations`]: () => [200, state.pending],
    [`GET ${base}/seats`]: () => {
      const seats: Seats = { used: state.people.length + state.pending.length, paid, members: state.people.length, pendingInvitations: state.pending.length };
      return [200, seats];
    },
    [`POST ${base}/invitations`]: (_, body) => {
      const { email, role } = body as { email: string; role: Member["role"] };
      const added = { ...invited, id: 40 + state.pending.length, email, role, createdAt: "2026-12-02T09:00:00Z", expiresAt: "2026-12-09T09:00:00Z" };
      state.pending.unshift(added);
      return [201, { id: added.id, organizationId: org.id, email, role, expiresAt: added.expiresAt }];
    },
    ...extra,
  };
  for (const member of people) {
    routes[`PATCH ${base}/members/${member.userId}`] = (_, body) => {
      const changed = { ...member, role: (body as { role: Member["role"] }).role };
      state.people = state.people.map((m) => (m.userId === member.userId ? changed : m));
      return [200, changed];
    };
    routes[`DELETE ${base}/members/${member.userId}`] = () => {
      state.people = state.people.filter((m) => m.userId !== member.userId);
      return [204];
    };
  }
  for (const invitation of pending) {
    routes[`POST ${base}/invitations/${invitation.id}/resend`] = () => {
      const renewed = { ...invitation, id: invitation.id + 100, expiresAt: "2026-12-12T09:00:00Z" };
      state.pending = state.pending.map((i) => (i.id === invitation.id ? renewed : i));
      return [201, { id: renewed.id, organizationId: org.id, email: renewed.email, role: renewed.role, expiresAt: renewed.expiresAt }];
    };
    routes[`DELETE ${base}/invitations/${invitation.id}`] = () => {
      state.pending = state.pending.filter((i) => i.id !== invitation.id);
      return [204];
    };
  }
  Object.assign(routes, extra);
  const api = fakeApi(routes);
  vi.stubGlobal("fetch", api.fetch);
  return { ...api, state };
}

function renderMembers(org: Organization) {
  return renderAt(`/orgs/${org.id}/members`, [
    {
      path: "/orgs/:orgId",
      element: <Outlet context={org} />,
      children: [
        { path: "members", element: <MembersPage /> },
        { path: "billing", element: <p>The billing page</p> },
        { path: "time", element: <p>My time</p> },
      ],
    },
    { path: "/", element: <p>Your organizations</p> },
  ]);
}

const row = (name: string) =>
  screen.getAllByRole("listitem").find((li) => li.querySelector(".member-row__name, .invitation-row__email")?.textContent?.startsWith(name))!;
const problem = (status: number, title: string, detail: string, errors?: Record<string, string[]>): Answer => [status, { status, title, detail, errors }];

beforeEach(() => session.signIn({ accessToken: "a.b.c", expiresIn: 900 }));

afterEach(() => {
  vi.unstubAllGlobals();
  session.signOut();
});

describe("the members screen", () => {
  it("lists the members with their emails, roles and joined dates, the pending invitations, and the seats used against the seats paid", async () => {
    serve(organization(1, "Acme"), [me, grace, alan], [invited], 5);
    renderMembers(organization(1, "Acme"));

    expect(await screen.findByRole("heading", { level: 1, name: "Members" })).toBeInTheDocument();
    const members = within(screen.getByRole("list", { name: "Members of Acme" })).getAllByRole("listitem");
    expect(members.map((li) => li.querySelector(".member-row__name")!.textContent)).toEqual(["Ada Lovelace (you)", "Grace Hopper", "Alan Turing"]);
    expect(within(row("Grace Hopper")).getByText("grace@example.test")).toBeInTheDocument();
    expect(within(row("Grace Hopper")).getByLabelText("Role of Grace Hopper")).toHaveDisplayValue("Admin");
    expect(within(row("Alan Turing")).getByText("Joined Mar 15, 2026")).toBeInTheDocument();
    expect(await screen.findByText("4 of 5 seats used")).toBeInTheDocument();
    expect(screen.getByText("3 members, 1 pending invitation")).toBeInTheDocument();
    const pending = row("edsger@example.test");
    expect(within(pending).getByText("member")).toBeInTheDocument();
    expect(within(pending).getByText(/Sent Dec 1, 2026 by ada@example.test · expires Dec 8, 2026/)).toBeInTheDocument();
    expect(screen.queryByText(/Every seat is taken/)).not.toBeInTheDocument();
  });

  it("disables the only owner's role and removal and says why, instead of hiding them", async () => {
    serve(organization(1, "Acme"), [me, grace]);
    renderMembers(organization(1, "Acme"));

    const select = await screen.findByLabelText("Role of Ada Lovelace");
    const leave = screen.getByRole("button", { name: "Leave Acme" });
    expect(select).toBeDisabled();
    expect(leave).toBeDisabled();
    const reason = "You are the only owner: an organization always keeps one owner. Make another member an owner first, then you can step down or leave.";
    expect(select).toHaveAccessibleDescription(reason);
    expect(leave).toHaveAccessibleDescription(reason);
    expect(screen.getByText(reason)).toBeVisible();
    // Others stay changeable.
    expect(screen.getByLabelText("Role of Grace Hopper")).toBeEnabled();
  });

  it("shows an admin the owners' controls disabled (only owners touch owners) and offers no owner role", async () => {
    const co: Member = { ...grace, userId: 9, name: "Mary Somerville", email: "mary@example.test", role: "owner" };
    const emmy: Member = { ...co, userId: 10, name: "Emmy Noether", email: "emmy@example.test" };
    serve(organization(1, "Acme", "admin"), [co, emmy, { ...me, role: "admin" }, alan]);
    renderMembers(organization(1, "Acme", "admin"));

    const select = await screen.findByLabelText("Role of Mary Somerville");
    expect(select).toBeDisabled();
    expect(select).toHaveAccessibleDescription("Only an owner can change or remove an owner.");
    expect(within(screen.getByLabelText("Role of Alan Turing")).queryByRole("option", { name: "Owner" })).toBeNull();
  });

  it("changes a role after the person chooses it and saves, and shows the server's refusal, putting the role back", async () => {
    const server = serve(organization(1, "Acme"), [me, grace, alan], [], null, {
      "PATCH /api/v1/orgs/1/members/7": problem(409, "Last owner", "An organization must keep at least one owner."),
    });
    renderMembers(organization(1, "Acme"));
    const user = userEvent.setup();

    await user.selectOptions(await screen.findByLabelText("Role of Alan Turing"), "admin");
    await user.click(within(row("Alan Turing")).getByRole("button", { name: "Make them admin" }));

    expect(await screen.findByRole("status")).toHaveTextContent("Alan Turing is now an admin.");
    expect(server.requests.find((r) => r.method === "PATCH")).toMatchObject({ path: "/api/v1/orgs/1/members/8", body: { role: "admin" } });
    await waitFor(() => expect(screen.getByLabelText("Role of Alan Turing")).toHaveDisplayValue("Admin"));

    await user.selectOptions(screen.getByLabelText("Role of Grace Hopper"), "member");
    await user.click(within(row("Grace Hopper")).getByRole("button", { name: "Make them member" }));
    expect(await within(row("Grace Hopper")).findByRole("alert")).toHaveTextContent("An organization must keep at least one owner.");
    expect(screen.getByLabelText("Role of Grace Hopper")).toHaveDisplayValue("Admin");
  });

  it("asks before removing someone, naming them, and removes them when confirmed", async () => {
    const server = serve(organization(1, "Acme"), [me, grace, alan]);
    renderMembers(organization(1, "Acme"));
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Remove Alan Turing" }));
    const question = screen.getByText("Remove Alan Turing (alan@example.test) from Acme? Alan Turing loses access to it at once.");
    expect(question).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("button", { name: "Remove Alan Turing" })).toHaveFocus();
    expect(server.requests.some((r) => r.method === "DELETE")).toBe(false);

    await user.click(screen.getByRole("button", { name: "Remove Alan Turing" }));
    await user.click(screen.getByRole("button", { name: "Yes, remove Alan Turing" }));

    expect(await screen.findByRole("status")).toHaveTextContent("Alan Turing was removed from Acme.");
    await waitFor(() => expect(screen.queryByText("Alan Turing")).not.toBeInTheDocument());
    expect(server.requests.find((r) => r.method === "DELETE")?.path).toBe("/api/v1/orgs/1/members/8");
  });

  it("calls removing oneself leaving, says what it means, and goes home after", async () => {
    const server = serve(organization(1, "Acme", "admin"), [{ ...grace, userId: 9, role: "owner" }, { ...me, role: "admin" }], [], null, {
      "GET /api/v1/orgs": [200, []],
    });
    const { router } = renderMembers(organization(1, "Acme", "admin"));
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Leave Acme" }));
    expect(screen.getByText("Leave Acme? You lose access to it at once; to come back, you need a new invitation.")).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Yes, leave Acme" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    expect(server.requests.find((r) => r.method === "DELETE")?.path).toBe(`/api/v1/orgs/1/members/${ada.id}`);
  });

  it("invites an address with a role, and puts the server's refusals where they belong", async () => {
    const answers: Route[] = [
      problem(400, "Invalid request", "One or more fields are invalid.", { email: ["'email' must be an email address."] }),
      problem(409, "Already a member", "alan@example.test is already a member of this organization."),
      problem(409, "No seat left", "The subscription has 4 seat(s), and members and pending invitations take 4."),
    ];
    const server = serve(organization(1, "Acme"), [me, grace, alan], [invited], 5, {
      "POST /api/v1/orgs/1/invitations": (request, body) => {
        const next = answers.shift();
        if (next) return typeof next === "function" ? next(request, body) : next;
        return [201, { id: 50, organizationId: 1, email: (body as { email: string }).email, role: "admin", expiresAt: "2026-12-09T09:00:00Z" }];
      },
    });
    renderMembers(organization(1, "Acme"));
    const user = userEvent.setup();
    const email = await screen.findByLabelText("Email address");
    const send = screen.getByRole("button", { name: "Send invitation" });

    await user.type(email, "not-an-address");
    await user.click(send);
    expect(await screen.findByText("'email' must be an email address.")).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");

    await user.clear(email);
    await user.type(email, "alan@example.test");
    await user.click(send);
    expect(await screen.findByText("alan@example.test is already a member of this organization.")).toBeInTheDocument();
    expect(email).toHaveAccessibleDescription(/already a member/);

    await user.clear(email);
    await user.type(email, "new@example.test");
    await user.click(send);
    const refusal = await screen.findByRole("alert");
    expect(refusal).toHaveTextContent("No seat left");
    await user.click(within(refusal).getByRole("link", { name: "Add seats in Billing" }));
    expect(await screen.findByText("The billing page")).toBeInTheDocument();
    expect(server.requests.filter((r) => r.method === "POST").map((r) => r.body)).toEqual([
      { email: "not-an-address", role: "member" },
      { email: "alan@example.test", role: "member" },
      { email: "new@example.test", role: "member" },
    ]);
  });

  it("sends an invitation and shows it among the pending ones", async () => {
    serve(organization(1, "Acme"), [me]);
    renderMembers(organization(1, "Acme"));
    const user = userEvent.setup();

    expect(await screen.findByText("Only you so far: invite your team")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Email address"), "grace@example.test");
    await user.selectOptions(screen.getByLabelText("Role"), "owner");
    await user.click(screen.getByRole("button", { name: "Send invitation" }));

    expect(await screen.findByRole("status")).toHaveTextContent("Invitation sent to grace@example.test as owner. The link works until Dec 9, 2026.");
    expect(await screen.findByRole("list", { name: "Pending invitations" })).toHaveTextContent("grace@example.test");
    expect(screen.getByLabelText("Email address")).toHaveValue("");
    expect(screen.queryByText("Only you so far: invite your team")).not.toBeInTheDocument();
  });

  it("tells an admin whom to ask when every seat is taken", async () => {
    serve(organization(1, "Acme", "admin"), [me, grace], [invited], 3);
    renderMembers(organization(1, "Acme", "admin"));

    expect(await screen.findByText("Every seat is taken (3 of 3)")).toBeInTheDocument();
    expect(screen.getByText("Ask an owner to add seats, or remove a member or a pending invitation.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Billing/ })).toBeNull();
  });

  it("resends an invitation, saying the earlier link stops working, and revokes one after asking", async () => {
    const other: PendingInvitation = { ...invited, id: 32, email: "barbara@example.test", role: "admin" };
    const server = serve(organization(1, "Acme"), [me, grace], [invited, other]);
    renderMembers(organization(1, "Acme"));
    const user = userEvent.setup();

    await user.click(await screen.findByRole("button", { name: "Resend the invitation to edsger@example.test" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Invitation sent again to edsger@example.test; it works until Dec 12, 2026. The earlier link no longer works.",
    );
    expect(server.requests.some((r) => r.method === "POST" && r.path === "/api/v1/orgs/1/invitations/31/resend")).toBe(true);

    await user.click(screen.getByRole("button", { name: "Revoke the invitation to barbara@example.test" }));
    expect(screen.getByText("Revoke the invitation to barbara@example.test? Its link stops working and its seat is freed.")).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Yes, revoke it" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Invitation to barbara@example.test revoked: its link no longer works.");
    await waitFor(() => expect(screen.queryByText("barbara@example.test")).not.toBeInTheDocument());
    expect(server.requests.find((r) => r.method === "DELETE")?.path).toBe("/api/v1/orgs/1/invitations/32");
  });

  it("shows a member why the screen is not theirs and asks the server nothing", async () => {
    const server = serve(organization(1, "Acme", "member"), [me]);
    renderMembers(organization(1, "Acme", "member"));

    expect(await screen.findByRole("heading", { level: 1, name: "Members is for admins and owners" })).toBeInTheDocument();
    expect(server.requests.filter((r) => r.path.startsWith("/api/v1/orgs/1/"))).toEqual([]);
  });
});
