import type { Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, invitedMember, newAddress, signInForm, verifiedAccount } from "./people";

// The catalogue (issue 20, screen 4) against the real server: an admin keeps the clients, projects, tasks and tags
// members track time against; a member is told the screen is not theirs, and the API refuses them too.

interface Named {
  id: number;
  name: string;
  archived?: boolean;
  hourlyRate?: number | null;
  clientId?: number | null;
}

type ListPage = { items: Named[] };

/** Opens `path` through the sign-in form, which comes back to it. */
async function signInTo(page: Page, path: string, email: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
  await signInForm(page, email);
  await expect(page).toHaveURL(new RegExp(`${path}(/projects)?$`));
}

test("an admin creates, renames, archives and restores clients, projects, tasks and tags; a member is refused", async ({ page, browser, request, stack }, testInfo) => {
  const ownerEmail = await verifiedAccount(request, stack, "Ada Lovelace", newAddress("catalogue"));
  const owner = await apiToken(request, ownerEmail);
  const org = await api<{ id: number }>(request, owner, "POST", "/api/v1/orgs", { name: "Analytical Engines" });
  const admin = await invitedMember(request, stack, owner, org.id, "admin", "Charles Babbage");
  const member = await invitedMember(request, stack, owner, org.id, "member", "Mary Somerville");
  const path = (route: string) => `/api/v1/orgs/${org.id}/${route}`;
  const catalogue = `/orgs/${org.id}/catalogue`;
  const tab = (name: string) => page.getByRole("navigation", { name: "Catalogue" }).getByRole("link", { name, exact: true });

  // Empty: the screen says what to do first.
  await signInTo(page, catalogue, admin.email);
  await expect(page).toHaveURL(new RegExp(`${catalogue}/projects$`));
  await expect(page.getByText("Add your first client, then a project for it.")).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "catalogue-empty");
  await tab("Tags").click();
  await expect(page.getByText("No tags yet")).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "catalogue-tags-empty");

  // Clients: add, rename, archive, restore.
  await tab("Clients").click();
  const addClient = page.getByRole("form", { name: "Add a client" });
  await addClient.getByLabel("Client name").fill("Babbage & Co");
  await addClient.getByLabel("Billing email (optional)").fill("accounts@babbage.test");
  await addClient.getByLabel("Client name").press("Enter");
  await expect(page.getByText("Added Babbage & Co.", { exact: false })).toBeVisible();
  await expect(addClient.getByLabel("Client name")).toBeFocused();
  for (const name of ["Royal Society", "Jacquard Looms"]) {
    await addClient.getByLabel("Client name").fill(name);
    await addClient.getByLabel("Client name").press("Enter");
    await expect(page.getByRole("list", { name: "Clients" }).getByText(name)).toBeVisible();
  }
  await page.getByRole("button", { name: "Rename Babbage & Co" }).click();
  const rename = page.getByRole("form", { name: "Rename Babbage & Co" }).getByLabel("Client name");
  await expect(rename).toBeFocused();
  await rename.fill("Babbage & Sons");
  await rename.press("Enter");
  await expect(page.getByRole("button", { name: "Rename Babbage & Sons" })).toBeFocused();
  await page.getByRole("button", { name: "Archive Jacquard Looms" }).click();
  await expect(page.getByRole("list", { name: "Clients" }).getByText("Jacquard Looms")).toHaveCount(0);
  await page.getByLabel("Show archived", { exact: true }).check();
  await expect(page.getByRole("button", { name: "Restore Jacquard Looms" })).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "catalogue-clients");
  await page.getByRole("button", { name: "Restore Jacquard Looms" }).click();
  await expect(page.getByRole("button", { name: "Archive Jacquard Looms" })).toBeVisible();

  // Projects: add one for a client with a rate, change the rate, its tasks, archive and restore it.
  await tab("Projects").click();
  await expect(page.getByText("No projects yet")).toBeVisible();
  const addProject = page.getByRole("form", { name: "Add a project" });
  await addProject.getByLabel("Project name").fill("Difference Engine");
  await addProject.getByLabel("Client").selectOption({ label: "Babbage & Sons" });
  await addProject.getByLabel("Hourly rate (optional)").fill("120");
  await addProject.getByRole("button", { name: "Add project" }).click();
  const projects = page.getByRole("list", { name: "Projects" });
  await expect(projects.getByText("Babbage & Sons · 120.00 / h")).toBeVisible();
  for (const [name, client, rate] of [
    ["Analytical Engine", "Babbage & Sons", "150"],
    ["Transactions", "Royal Society", ""],
    ["Punched cards", "Jacquard Looms", "95.50"],
  ] as const) {
    await addProject.getByLabel("Project name").fill(name);
    await addProject.getByLabel("Client").selectOption({ label: client });
    await addProject.getByLabel("Hourly rate (optional)").fill(rate);
    await addProject.getByLabel("Project name").press("Enter");
    await expect(projects.getByText(name, { exact: true })).toBeVisible();
  }
  await page.getByRole("button", { name: "Edit Difference Engine" }).click();
  const edit = page.getByRole("form", { name: "Edit Difference Engine" });
  await edit.getByLabel("Hourly rate (optional)").fill("abc");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByText("Enter an amount such as 85 or 92.50, or leave it empty.")).toBeVisible();
  await edit.getByLabel("Hourly rate (optional)").fill("135");
  await edit.getByLabel("Hourly rate (optional)").press("Enter");
  await expect(projects.getByText("Babbage & Sons · 135.00 / h")).toBeVisible();

  await page.getByRole("button", { name: "Tasks of Difference Engine" }).click();
  const tasks = page.getByRole("region", { name: "Tasks of Difference Engine" });
  await tasks.getByLabel("New task").fill("Gears");
  await tasks.getByLabel("New task").press("Enter");
  await expect(tasks.getByText("Gears", { exact: true })).toBeVisible();
  await tasks.getByLabel("New task").fill("Drawings");
  await tasks.getByLabel("New task").press("Enter");
  // Rename once the second task is in the list: a click while its save refreshes the list is not what this tests.
  await expect(tasks.getByText("Drawings", { exact: true })).toBeVisible();
  await tasks.getByRole("button", { name: "Rename task Gears" }).click();
  await tasks.getByLabel("Task name").fill("Brass gears");
  await tasks.getByLabel("Task name").press("Enter");
  await tasks.getByRole("button", { name: "Archive task Drawings" }).click();
  await expect(tasks.getByText("Drawings", { exact: true })).toHaveCount(0);
  await expectAccessible(page);
  await photograph(page, testInfo, "catalogue-projects");

  await page.getByRole("button", { name: "Archive Punched cards" }).click();
  await expect(projects.getByText("Punched cards", { exact: true })).toHaveCount(0);
  await page.getByLabel("Show archived", { exact: true }).check();
  await page.getByRole("button", { name: "Restore Punched cards" }).click();
  await expect(page.getByRole("button", { name: "Archive Punched cards" })).toBeVisible();

  // Tags: add, rename, and delete one an entry carries, after being told so.
  const [difference] = (await api<ListPage>(request, admin.token, "GET", path("projects"))).items.filter((p) => p.name === "Difference Engine");
  await api(request, member.token, "POST", path("time-entries"), {
    startedAt: "2026-11-02T09:00:00Z",
    endedAt: "2026-11-02T10:30:00Z",
    projectId: difference!.id,
    tags: ["meeting"],
  });
  await tab("Tags").click();
  const addTag = page.getByRole("form", { name: "Add a tag" });
  for (const name of ["support", "research", "meeting"]) {
    await addTag.getByLabel("Tag name").fill(name);
    await addTag.getByLabel("Tag name").press("Enter");
    if (name !== "meeting") await expect(page.getByRole("list", { name: "Tags" }).getByText(name, { exact: true })).toBeVisible();
  }
  await expect(addTag.getByText("The organization already has a tag named 'meeting'", { exact: false })).toBeVisible();
  await expect(addTag.getByLabel("Tag name")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Rename tag support" }).click();
  await page.getByRole("list", { name: "Tags" }).getByLabel("Tag name").fill("customer support");
  await page.getByRole("list", { name: "Tags" }).getByLabel("Tag name").press("Enter");
  // The rename lands first: its row then gives the focus back to its own button, which would take it from a
  // confirmation opened meanwhile in another row.
  await expect(page.getByRole("button", { name: "Rename tag customer support" })).toBeFocused();
  await page.getByRole("button", { name: "Delete tag meeting" }).click();
  await expect(page.getByText("1 time entry carries it and will lose it. This cannot be undone.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectAccessible(page);
  await photograph(page, testInfo, "catalogue-tags");
  await page.getByRole("button", { name: "Delete tag", exact: true }).click();
  await expect(page.getByRole("button", { name: "Delete tag meeting" })).toHaveCount(0);

  // The API agrees.
  const names = async (route: string) =>
    (await api<ListPage>(request, member.token, "GET", path(route))).items.map((row) => `${row.name}${row.archived ? " (archived)" : ""}`);
  expect(await names("clients")).toEqual(["Babbage & Sons", "Jacquard Looms", "Royal Society"]);
  expect(await names("projects")).toEqual(["Analytical Engine", "Difference Engine", "Punched cards", "Transactions"]);
  const project = await api<Named>(request, member.token, "GET", path(`projects/${difference!.id}`));
  expect(project.hourlyRate).toBe(135);
  expect(await names(`projects/${difference!.id}/tasks?includeArchived=true`)).toEqual(["Brass gears", "Drawings (archived)"]);
  expect(await names("tags")).toEqual(["customer support", "research"]);
  const entries = await api<{ items: { tags: string[] }[] }>(request, member.token, "GET", path("time-entries"));
  expect(entries.items.map((entry) => entry.tags)).toEqual([[]]);

  // A member is told the screen is for admins and owners, and the API refuses them.
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signInTo(memberPage, catalogue, member.email);
  await expect(memberPage.getByRole("heading", { level: 1, name: "Projects is for admins and owners" })).toBeVisible();
  await expect(memberPage.getByRole("form", { name: "Add a client" })).toHaveCount(0);
  await expectAccessible(memberPage);
  await photograph(memberPage, testInfo, "catalogue-member");
  await memberContext.close();
  for (const [route, data] of [
    ["clients", { name: "Mine" }],
    ["projects", { name: "Mine" }],
    ["tags", { name: "mine" }],
  ] as const) {
    const refused = await request.post(path(route), { headers: { Authorization: `Bearer ${member.token}` }, data });
    expect(refused.status(), route).toBe(403);
  }
});
