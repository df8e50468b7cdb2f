import { test, expect, chromium, request as httpRequest, type APIRequestContext } from "@playwright/test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { api, apiToken, newAddress, verifiedAccount } from "../../web/e2e/people";
import { freePort, startStack, type Stack } from "../../web/e2e/stack";
import { browserOptions, lighthouseMedian, results, signInProfile, type Scores } from "./browser";

// The targets for the timer page (issue 18, "Speed"): first-load JavaScript <= 150 KB gzipped; Lighthouse
// performance >= 95 and accessibility = 100. Each figure is printed and written to bench/results/web-app/.
const budgetKilobytes = 150;

let stack: Stack;
test.beforeAll(async () => {
  stack = await startStack("sqlite");
});
test.afterAll(async () => {
  await stack?.stop();
});

/** A verified person with an organization and a project, signed in in the browser profile `profile`; the timer page. */
async function signedInProfile(request: APIRequestContext, profile: string, port: number): Promise<string> {
  const email = await verifiedAccount(request, stack, "Bench", newAddress("bench"));
  const token = await apiToken(request, email);
  const org = await api<{ id: number }>(request, token, "POST", "/api/v1/orgs", { name: "Bench Co" });
  await api(request, token, "POST", `/api/v1/orgs/${org.id}/projects`, { name: "Website" });
  await signInProfile(profile, port, stack.baseURL, email);
  return `${stack.baseURL}/orgs/${org.id}/time`;
}

test("the timer page: first-load JavaScript and Lighthouse", async () => {
  mkdirSync(results, { recursive: true });
  const request = await httpRequest.newContext({ baseURL: stack.baseURL });
  const profile = mkdtempSync(path.join(tmpdir(), "timetracker-bench-profile-"));
  const port = await freePort();
  try {
    const timerPage = await signedInProfile(request, profile, port);

    // The scripts a fresh load fetches before the Start button can be used, each weighed as gzip would send it.
    const context = await chromium.launchPersistentContext(profile, browserOptions(port));
    const page = context.pages()[0] ?? (await context.newPage());
    const scripts = new Set<string>();
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.add(response.url());
    });
    await page.goto(timerPage);
    await expect(page.getByRole("button", { name: /^Start/ })).toBeEnabled({ timeout: 30_000 });
    const weights = [];
    for (const url of scripts) {
      const body = await (await request.get(url)).body();
      weights.push({ url: new URL(url).pathname, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
    }
    await context.close();
    const gzipKilobytes = weights.reduce((sum, w) => sum + w.gzip, 0) / 1024;
    console.log(`first-load JavaScript: ${weights.length} files, ${gzipKilobytes.toFixed(1)} KB gzipped (budget ${budgetKilobytes} KB)`);
    for (const w of weights) console.log(`  ${w.url}  ${(w.bytes / 1024).toFixed(1)} KB, ${(w.gzip / 1024).toFixed(1)} KB gzipped`);

    // Lighthouse in the same signed-in profile, mobile (its default: a mid-range phone on a throttled network) and desktop.
    const browser = await chromium.launchPersistentContext(profile, browserOptions(port));
    const scores: Record<string, Scores> = {};
    for (const form of ["mobile", "desktop"] as const) scores[form] = await lighthouseMedian(timerPage, port, form, "timer-page");
    await browser.close();
    writeFileSync(path.join(results, "timer-page.json"), JSON.stringify({ gzipKilobytes, weights, scores }, null, 2));

    expect(gzipKilobytes).toBeLessThanOrEqual(budgetKilobytes);
    for (const score of Object.values(scores)) {
      expect(score.performance).toBeGreaterThanOrEqual(95);
      expect(score.accessibility).toBe(100);
    }
  } finally {
    await request.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
});
