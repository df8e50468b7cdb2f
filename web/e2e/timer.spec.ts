import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, newAddress, password, signInForm, verifiedAccount } from "./people";
import type { Stack } from "./stack";

// The timer bar and My time (issue 18, screens 4 and 5), against the real server. The whole path goes through the
// organization screens; the other tests make their organization, client and project through the API.

interface Account {
  email: string;
  token: string;
  orgId: number;
  projectId: number;
}

/** A verified account with an organization, a client, a project (and a task) and a time zone, made through the API. */
async function setUp(request: APIRequestContext, stack: Stack, email = newAddress("timer"), timeZone = "UTC"): Promise<Account> {
  return organize(request, await verifiedAccount(request, stack, "Ada Lovelace", email), timeZone);
}

async function organize(request: APIRequestContext, email: string, timeZone: string): Promise<Account> {
  const token = await apiToken(request, email);
  await api(request, token, "PATCH", "/api/v1/me", { timeZone });
  const org = await api<{ id: number }>(request, token, "POST", "/api/v1/orgs", { name: "Analytical Engines" });
  const client = await api<{ id: number }>(request, token, "POST", `/api/v1/orgs/${org.id}/clients`, { name: "Babbage & Co" });
  const project = await api<{ id: number }>(request, token, "POST", `/api/v1/orgs/${org.id}/projects`, { name: "Website", clientId: client.id });
  await api(request, token, "POST", `/api/v1/orgs/${org.id}/projects/${project.id}/tasks`, { name: "Copywriting" });
  return { email, token, orgId: org.id, projectId: project.id };
}

/** Opens an address of the app in a browser that has not signed in yet: the app asks to sign in and comes back to it. */
async function open(page: Page, path: string, email: string): Promise<void> {
  await page.goto(path);
  await reSignInIfAsked(page, email, path);
}

async function reSignInIfAsked(page: Page, email: string, path: string): Promise<void> {
  const bar = page.getByRole("region", { name: "Timer" });
  const signIn = page.getByRole("heading", { name: "Sign in" });
  await expect(bar.or(signIn)).toBeVisible();
  if (await signIn.isVisible()) {
    await signInForm(page, email);
    await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
  }
  await expect(bar).toBeVisible();
}

const timerBar = (page: Page) => page.getByRole("region", { name: "Timer" });
/** An entry of My time, by its description (each row is named by its description and times). */
function entryRow(page: Page, description: string): Locator {
  const escaped = description.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByRole("listitem", { name: new RegExp(`^${escaped}, `) });
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

test("the whole path: sign up, verify, sign in, create an organization, a client and a project, start the timer, reload, stop, see the entry, edit it, delete it and undo", async ({ page, stack }, testInfo) => {
  const email = newAddress("timer");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto(await stack.mailbox.waitForLink(email, "/verify-email"));
  await expect(page.getByRole("heading", { name: "Your email is confirmed" })).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).click();
  await signInForm(page, email);
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  // A new person lands on the welcome, creates the organization, and the first-run guide adds a client and a project.
  await expect(page.getByRole("heading", { level: 1, name: "Create your organization" })).toBeVisible();
  await page.getByLabel("Organization name").fill("Analytical Engines");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Get started" })).toBeVisible();
  const orgId = Number(/\/orgs\/(\d+)$/.exec(page.url())?.[1]);
  await page.getByLabel("Client name").fill("Babbage & Co");
  await page.getByRole("button", { name: "Add client" }).click();
  await page.getByLabel("Project name").fill("Website");
  await page.getByRole("button", { name: "Add project" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Add a project (done)" })).toBeVisible();

  // Kolkata is UTC+05:30 all year: every time shown must be the person's, not the browser's (UTC here). The zone and a
  // task (the part-1 screens make none) are set through the API.
  const token = await apiToken(page.request, email);
  await api(page.request, token, "PATCH", "/api/v1/me", { timeZone: "Asia/Kolkata" });
  const projects = await api<{ items: { id: number; name: string }[] }>(page.request, token, "GET", `/api/v1/orgs/${orgId}/projects`);
  const account = { email, token, orgId, projectId: projects.items.find((p) => p.name === "Website")!.id };
  await api(page.request, token, "POST", `/api/v1/orgs/${orgId}/projects/${account.projectId}/tasks`, { name: "Copywriting" });
  const timePage = `/orgs/${account.orgId}/time`;
  await page.getByRole("link", { name: "Start the timer" }).click();
  await expect(page).toHaveURL(new RegExp(`${timePage}$`));
  await expect(page.locator("#timer-description")).toBeFocused();
  // The zone changed behind the page's back: a load shows it (and proves the session survives one).
  await page.reload();
  await expect(timerBar(page)).toBeVisible();
  await expect(page.getByText("No time tracked this week")).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "my-time-empty");

  const bar = timerBar(page);
  await bar.getByLabel("What are you working on?").fill("Write the launch post");
  await bar.getByLabel("Project", { exact: true }).selectOption({ label: "Website" });
  await bar.getByLabel("Task", { exact: true }).selectOption({ label: "Copywriting" });
  await bar.getByLabel("Tags, separated by commas").fill("writing, launch");
  await expect(bar.getByLabel("Billable")).toBeChecked();
  const started = Date.now();
  await bar.getByRole("button", { name: "Start" }).click();
  await expect(bar.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect(bar).toHaveAttribute("data-confirmed", "true");
  await expect(bar.getByRole("timer")).toHaveText(/^0:00:0[1-9]$/);
  await expectAccessible(page);
  await photograph(page, testInfo, "timer-bar-running");

  await page.reload();
  await expect(bar.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${timePage}$`));
  await expect(page.getByLabel("What are you working on?")).toHaveValue("Write the launch post");
  await expect(bar.getByLabel("Project", { exact: true })).toHaveValue(String(account.projectId));
  await expect(bar.getByRole("timer")).toHaveAccessibleName(/^Running for /);
  // At least two seconds have passed since the start, whatever the reload cost.
  await page.waitForTimeout(Math.max(0, 2_100 - (Date.now() - started)));

  await bar.getByRole("button", { name: "Stop" }).click();
  await expect(bar.getByRole("button", { name: "Start" })).toBeVisible();
  await expect(page.getByLabel("What are you working on?")).toHaveValue("");
  const row = entryRow(page, "Write the launch post");
  await expect(row).toBeVisible();
  const [entry] = (
    await api<{ items: { id: number; startedAt: string; endedAt: string; durationSeconds: number }[] }>(
      page.request,
      account.token,
      "GET",
      `/api/v1/orgs/${account.orgId}/time-entries`,
    )
  ).items;
  expect(entry).toBeDefined();
  expect(entry!.durationSeconds).toBeGreaterThanOrEqual(2);
  expect(entry!.durationSeconds).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000) + 1);
  await expect(row.locator(".entry__duration")).toHaveText(clock(entry!.durationSeconds));
  const kolkata = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Kolkata", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  await expect(row.getByLabel("Start", { exact: true })).toHaveValue(kolkata.format(new Date(entry!.startedAt)));
  await expect(row.getByLabel("Project", { exact: true })).toHaveValue(String(account.projectId));
  await expect(row.getByLabel("Tags, separated by commas")).toHaveValue("launch, writing");

  // Edit in place: Enter saves.
  const description = row.getByLabel("Description", { exact: true });
  await description.fill("Launch post, first draft");
  const saved = page.waitForResponse((response) => response.request().method() === "PATCH" && response.url().endsWith(`/time-entries/${entry!.id}`));
  await description.press("Enter");
  expect((await saved).status()).toBe(200);
  const edited = entryRow(page, "Launch post, first draft");
  await expect(edited).toBeVisible();
  expect((await api<{ description: string }>(page.request, account.token, "GET", `/api/v1/orgs/${account.orgId}/time-entries/${entry!.id}`)).description).toBe(
    "Launch post, first draft",
  );
  await expectAccessible(page);
  await photograph(page, testInfo, "my-time-with-entries");

  // Delete, then undo: the same entry is back, and the server never deleted it.
  await edited.getByRole("button", { name: "Delete: Launch post, first draft" }).click();
  await expect(edited).toHaveCount(0);
  await expect(page.getByText("Entry deleted.")).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "my-time-deleted-undo");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(entryRow(page, "Launch post, first draft")).toBeVisible();
  await expect(entryRow(page, "Launch post, first draft").locator(".entry__duration")).toHaveText(clock(entry!.durationSeconds));
  await expect(page.getByText("Entry deleted.")).toHaveCount(0);
  const kept = await page.request.get(`/api/v1/orgs/${account.orgId}/time-entries/${entry!.id}`, { headers: { Authorization: `Bearer ${account.token}` } });
  expect(kept.status()).toBe(200);

  // Deleting for good: the notice's ✕ closes it and sends the deletion.
  await entryRow(page, "Launch post, first draft").getByRole("button", { name: /^Delete/ }).click();
  const deleted = page.waitForResponse((response) => response.request().method() === "DELETE");
  await page.getByRole("button", { name: "Dismiss" }).click();
  expect((await deleted).status()).toBe(204);
  await expect(page.getByText("No time tracked this week")).toBeVisible();
});

test("a timer started through the API, or in another tab, shows in the bar", async ({ page, context, stack }, testInfo) => {
  const account = await setUp(page.request, stack);
  const timePage = `/orgs/${account.orgId}/time`;
  await open(page, timePage, account.email);
  const bar = timerBar(page);
  await expect(bar.getByRole("button", { name: "Start" })).toBeVisible();

  await api(page.request, account.token, "POST", `/api/v1/orgs/${account.orgId}/timer/start`, { description: "Started by a script", projectId: account.projectId });
  // Coming back to the tab asks the server again (a poll every minute would find it too).
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange", { bubbles: true })));
  await expect(bar.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect(page.getByLabel("What are you working on?")).toHaveValue("Started by a script");
  await expectAccessible(page);
  await photograph(page, testInfo, "timer-bar-from-api");

  // A second tab stops it; the first hears of it at once.
  const other = await context.newPage();
  await open(other, timePage, account.email);
  await timerBar(other).getByRole("button", { name: "Stop" }).click();
  await expect(bar.getByRole("button", { name: "Start" })).toBeVisible();
  await expect(entryRow(page, "Started by a script")).toBeVisible();
  await timerBar(other).getByRole("button", { name: "Start" }).click();
  await expect(bar.getByRole("button", { name: "Stop" })).toBeVisible();
  await other.close();
});

test("the keyboard-only timer: the shortcut from anywhere, and Tab and Enter alone", async ({ page, stack }) => {
  const account = await setUp(page.request, stack);
  const timePage = `/orgs/${account.orgId}/time`;
  await open(page, timePage, account.email);
  const bar = timerBar(page);
  const running = async () =>
    (await page.request.get(`/api/v1/orgs/${account.orgId}/timer`, { headers: { Authorization: `Bearer ${account.token}` } })).status() === 200;

  // The shortcut is documented next to the button and on it.
  const start = bar.getByRole("button", { name: "Start" });
  await expect(start).toHaveAttribute("aria-keyshortcuts", "Alt+Shift+S");
  await expect(start).toHaveAccessibleDescription(/Alt\+Shift\+S starts or stops the timer/);

  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Alt+Shift+KeyS");
  await expect(bar.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect(bar).toHaveAttribute("data-confirmed", "true");
  expect(await running()).toBe(true);
  await page.keyboard.press("Alt+Shift+KeyS");
  await expect(bar.getByRole("button", { name: "Start" })).toBeVisible();
  await expect(bar).toHaveAttribute("data-confirmed", "true");
  expect(await running()).toBe(false);

  // Inside a text field the shortcut is left to the field.
  await page.getByLabel("What are you working on?").focus();
  await page.keyboard.press("Alt+Shift+KeyS");
  await expect(bar.getByRole("button", { name: "Start" })).toBeVisible();

  // Tab and Enter only: from the top of the page to the description, type, Enter starts; Tab to Stop, Enter stops.
  await page.goto(timePage);
  await expect(bar).toBeVisible();
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 20 && !(await page.getByLabel("What are you working on?").evaluate((element) => element === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(page.getByLabel("What are you working on?")).toBeFocused();
  await page.keyboard.type("Reviewing by keyboard");
  await page.keyboard.press("Enter");
  await expect(bar.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect(bar).toHaveAttribute("data-confirmed", "true");
  for (let i = 0; i < 10 && !(await bar.getByRole("button", { name: "Stop" }).evaluate((element) => element === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(bar.getByRole("button", { name: "Stop" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(bar.getByRole("button", { name: "Start" })).toBeVisible();
  await expect(bar).toHaveAttribute("data-confirmed", "true");
  expect(await running()).toBe(false);
  await expect(entryRow(page, "Reviewing by keyboard")).toBeVisible();
});
