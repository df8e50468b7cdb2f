import type { Page } from "@playwright/test";
import { expect, expectAccessible, photograph, test } from "./fixtures";
import { api, apiToken, newAddress, signInForm, verifiedAccount } from "./people";

// Rates that never rewrite history (issue 21) against the real server: a project's rate raised from a day in the
// catalogue, entries before and after it priced differently in the report, and a re-pricing on the Members page.

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Monday of last week, in UTC (the owner's time zone here). */
function lastMonday(): Date {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (((now.getUTCDay() + 6) % 7) + 7) * 86_400_000);
}

/** The amounts of the report's entries table, by description. */
async function amounts(page: Page): Promise<Record<string, string>> {
  const rows = page.getByRole("table", { name: /^Entries from/ }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const shown: Record<string, string> = {};
  for (const row of await rows.all()) {
    const cells = await row.locator("td").allTextContents();
    shown[cells[3]!] = cells[5]!;
  }
  return shown;
}

test("a rate raised from a day prices the entries after it, keeps those before, and re-pricing moves only what it says", async ({
  page,
  request,
  stack,
}, testInfo) => {
  const email = await verifiedAccount(request, stack, "Rhea Rates", newAddress("rates"));
  const token = await apiToken(request, email);
  await api(request, token, "PATCH", "/api/v1/me", { timeZone: "UTC" });
  const org = await api<{ id: number }>(request, token, "POST", "/api/v1/orgs", { name: "Rate Works" });
  const path = (route: string) => `/api/v1/orgs/${org.id}/${route}`;
  const globex = await api<{ id: number }>(request, token, "POST", path("clients"), { name: "Globex" });
  const website = await api<{ id: number }>(request, token, "POST", path("projects"), { name: "Website", clientId: globex.id, hourlyRate: 100 });
  const monday = lastMonday();
  const at = (days: number, hour: number) => new Date(monday.getTime() + (days * 24 + hour) * 3_600_000).toISOString();
  const entry = (days: number, description: string) =>
    api(request, token, "POST", path("time-entries"), { startedAt: at(days, 9), endedAt: at(days, 10), projectId: website.id, description });
  await entry(0, "Monday kickoff");
  await entry(4, "Friday review");

  // The catalogue: Website's rate goes up to 150.00 from last Wednesday.
  await page.goto(`/orgs/${org.id}/catalogue/projects`);
  await signInForm(page, email);
  await page.getByRole("button", { name: "Rates of Website" }).click();
  const history = page.getByRole("region", { name: "Rates of Website" });
  await expect(history.getByText("Now 100.00 / h, from the beginning")).toBeVisible();
  await history.getByLabel("New hourly rate").fill("150");
  await history.getByLabel("From").fill(day(new Date(monday.getTime() + 2 * 86_400_000)));
  await history.getByRole("button", { name: "Set rate" }).click();
  await expect(history.getByText(/Entries already recorded keep their rate/)).toBeVisible();
  const rows = history.getByRole("list", { name: "Rate history: Rates of Website" }).getByRole("listitem");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("150.00 / h");
  await expect(rows.first()).toContainText("Current");
  await expect(rows.last()).toContainText("Past");
  await expectAccessible(page);
  await photograph(page, testInfo, "rates-project");

  // Recorded now, Thursday's hour is worth the new rate; Monday's and Friday's keep what they were recorded at.
  await entry(3, "Thursday build");
  await page.goto(`/orgs/${org.id}/reports?range=last-week`);
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  expect(await amounts(page)).toEqual({ "Monday kickoff": "100.00", "Thursday build": "150.00", "Friday review": "100.00" });

  // Re-pricing last week: the preview says what changes, and only then does it change.
  await page.goto(`/orgs/${org.id}/members`);
  const reprice = page.getByRole("form", { name: "Re-price entries" });
  await reprice.getByLabel("From").fill(day(monday));
  await reprice.getByLabel("To").fill(day(new Date(monday.getTime() + 6 * 86_400_000)));
  await reprice.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText(/1 entry changes/)).toBeVisible();
  await expect(page.getByText(/of 3 from/)).toContainText("from 100.00 to 150.00");
  await expectAccessible(page);
  await photograph(page, testInfo, "rates-reprice");
  await page.getByRole("button", { name: "Re-price 1 entry" }).click();
  await expect(page.getByText("Re-priced 1 entry: 100.00 became 150.00.")).toBeVisible();

  await page.goto(`/orgs/${org.id}/reports?range=last-week`);
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect.poll(() => amounts(page)).toEqual({ "Monday kickoff": "100.00", "Thursday build": "150.00", "Friday review": "150.00" });
});
