import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, signInForm, verifiedAccount } from "./people";
import type { Stack } from "./stack";

// The calendar (issue 20, screen 2) and Continue on My time, against the real server. Kolkata is UTC+05:30 all year:
// every time the page shows or sends is the person's, never the browser's (UTC here).
const zone = "Asia/Kolkata";
const offsetMinutes = 330;

interface Person {
  email: string;
  token: string;
  orgId: number;
  website: number;
  research: number;
}

/** `yyyy-MM-dd` of the day `days` from today in Kolkata. */
function kolkataDay(days: number): string {
  return new Date(Date.now() + offsetMinutes * 60_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the week before this one, in Kolkata. */
function lastMonday(): string {
  const today = kolkataDay(0);
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
  return kolkataDay(-7 - weekday);
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The instant of a Kolkata wall-clock time, in UTC. */
const kolkata = (day: string, time: string) => new Date(Date.parse(`${day}T${time}:00Z`) - offsetMinutes * 60_000).toISOString();

/** A person with an organization, two projects and a realistic week of entries last week, all through the API. */
async function setUp(request: APIRequestContext, stack: Stack): Promise<Person> {
  const email = await verifiedAccount(request, stack, "Grace Hopper");
  const token = await apiToken(request, email);
  await api(request, token, "PATCH", "/api/v1/me", { timeZone: zone });
  const org = await api<{ id: number }>(request, token, "POST", "/api/v1/orgs", { name: "Compilers Ltd" });
  const client = await api<{ id: number }>(request, token, "POST", `/api/v1/orgs/${org.id}/clients`, { name: "Navy Labs" });
  const project = (name: string) => api<{ id: number }>(request, token, "POST", `/api/v1/orgs/${org.id}/projects`, { name, clientId: client.id });
  const website = (await project("Website")).id;
  const research = (await project("Research")).id;
  const monday = lastMonday();
  const week: [number, string, string, string, number | null][] = [
    [0, "09:00", "10:30", "Sprint planning", research],
    [0, "11:00", "13:00", "Landing page layout", website],
    [1, "09:30", "12:00", "Compiler benchmarks", research],
    [1, "10:00", "11:00", "Client call", null],
    [2, "08:30", "09:15", "Email", null],
    [3, "13:00", "17:30", "Landing page copy", website],
    [4, "10:00", "12:15", "Benchmark write-up", research],
  ];
  for (const [day, from, to, description, projectId] of week)
    await api(request, token, "POST", `/api/v1/orgs/${org.id}/time-entries`, {
      startedAt: kolkata(addDays(monday, day), from),
      endedAt: kolkata(addDays(monday, day), to),
      description,
      projectId,
    });
  return { email, token, orgId: org.id, website, research };
}

/** Opens an address of the app, signing in on the way. */
async function open(page: Page, path: string, email: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signInForm(page, email);
  await expect(page.getByRole("region", { name: "Timer" })).toBeVisible();
}

interface Entry {
  id: number;
  description: string | null;
  startedAt: string;
  endedAt: string | null;
  isRunning: boolean;
}

/** A mouse drag in a day's column from one Kolkata clock time to another (48 px an hour). */
async function dragInColumn(page: Page, day: string, from: number, to: number, x = 0.7): Promise<void> {
  // The mouse goes only where the window shows: the grid's bottom into view first.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const box = (await page.locator(`.cal__day[data-day="${day}"]`).boundingBox())!;
  await page.mouse.move(box.x + box.width * x, box.y + from * 48);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * x, box.y + ((from + to) / 2) * 48, { steps: 4 });
  await page.mouse.move(box.x + box.width * x, box.y + to * 48, { steps: 4 });
  await page.mouse.up();
}

test("an entry is created by dragging on empty time and resized by dragging its edge, and the API agrees", async ({ page, stack }, testInfo) => {
  const person = await setUp(page.request, stack);
  const monday = lastMonday();
  const wednesday = addDays(monday, 2);
  await open(page, `/orgs/${person.orgId}/calendar?view=week&date=${wednesday}`, person.email);

  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sprint planning, Research, 09:00 to 10:30" })).toBeVisible();
  // Tuesday's two entries overlap: side by side.
  const benchmarks = (await page.getByRole("button", { name: /^Compiler benchmarks/ }).boundingBox())!;
  const call = (await page.getByRole("button", { name: /^Client call/ }).boundingBox())!;
  expect(call.x).toBeGreaterThanOrEqual(benchmarks.x + benchmarks.width - 2);
  await expectAccessible(page);
  await photograph(page, testInfo, "calendar-week");

  // Wednesday, 14:00 to 15:30 by dragging (in the day view, where the column is wide).
  await page.getByRole("link", { name: "Day", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`view=day&date=${wednesday}$`));
  await dragInColumn(page, wednesday, 14.05, 15.5);
  const editor = page.getByRole("dialog", { name: /Edit entry/ });
  await expect(editor).toBeVisible();
  await expect(editor.getByRole("textbox", { name: "Description" })).toBeFocused();
  await editor.getByRole("textbox", { name: "Description" }).fill("Calendar sketches");
  await editor.getByRole("textbox", { name: "Description" }).press("Enter");
  await editor.getByRole("combobox", { name: "Project" }).selectOption({ label: "Website" });
  const block = page.getByRole("button", { name: "Calendar sketches, Website, 14:00 to 15:30" });
  await expect(block).toBeVisible();
  await expectAccessible(page);
  await photograph(page, testInfo, "calendar-day-editing");
  await editor.getByRole("button", { name: "Close" }).click();
  await expect(block).toBeFocused();

  const listed = async () =>
    (await api<{ items: Entry[] }>(page.request, person.token, "GET", `/api/v1/orgs/${person.orgId}/time-entries?from=${wednesday}&to=${wednesday}`)).items;
  const created = (await listed()).find((entry) => entry.description === "Calendar sketches");
  expect([Date.parse(created!.startedAt), Date.parse(created!.endedAt!)]).toEqual([Date.parse(kolkata(wednesday, "14:00")), Date.parse(kolkata(wednesday, "15:30"))]);

  // Its bottom edge from 15:30 down to 16:15.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const edge = (await block.locator('[data-edge="end"]').boundingBox())!;
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2 + 0.75 * 48, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByRole("button", { name: "Calendar sketches, Website, 14:00 to 16:15" })).toBeVisible();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect.poll(async () => Date.parse((await listed()).find((entry) => entry.id === created!.id)?.endedAt ?? "")).toBe(Date.parse(kolkata(wednesday, "16:15")));
});

test("Continue on My time starts the timer with the entry's details, and the calendar draws it running", async ({ page, stack }, testInfo) => {
  const person = await setUp(page.request, stack);
  await open(page, `/orgs/${person.orgId}/time?week=${lastMonday()}`, person.email);

  await page.getByRole("button", { name: "Continue: Landing page copy" }).click();
  const bar = page.getByRole("region", { name: "Timer" });
  await expect(bar.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect
    .poll(async () => (await api<Entry | null>(page.request, person.token, "GET", `/api/v1/orgs/${person.orgId}/timer`))?.description)
    .toBe("Landing page copy");
  const timer = (await api<Entry & { projectId: number }>(page.request, person.token, "GET", `/api/v1/orgs/${person.orgId}/timer`))!;
  expect(timer.projectId).toBe(person.website);

  await page.getByRole("link", { name: "Calendar" }).click();
  await page.getByRole("link", { name: "Day", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`view=day&date=${kolkataDay(0)}$`));
  const running = page.getByRole("button", { name: /^Landing page copy, Website, \d\d:\d\d to now, running$/ });
  await expect(running).toBeVisible();
  // A reload still draws it: the timer is the server's.
  await page.reload();
  await expect(running).toBeVisible();
  await expect(page.locator(".cal__now")).toHaveCount(1);
  await expectAccessible(page);
  await photograph(page, testInfo, "calendar-day-running");
});
