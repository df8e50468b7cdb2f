import { chromium, expect } from "@playwright/test";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { signInForm } from "../../web/e2e/people";

// What the web app's benches share: Debian's Chromium with a debugging port (Lighthouse drives the same browser), a
// profile signed in through the page (so the refresh cookie is there, as for a returning person), and Lighthouse's
// median of three runs.

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where every figure and report lands. */
export const results = path.resolve(import.meta.dirname, "..", "results", "web-app");

/** Chromium's launch options: Debian's binary, the debugging port Lighthouse connects to. */
export function browserOptions(port: number) {
  const args = [`--remote-debugging-port=${port}`];
  if (process.getuid?.() === 0) args.push("--no-sandbox");
  return { executablePath: chromiumPath, headless: true, args };
}

/** Signs `email` in through the sign-in page in the Chromium profile `profile`, then closes the browser. */
export async function signInProfile(profile: string, port: number, baseURL: string, email: string): Promise<void> {
  const context = await chromium.launchPersistentContext(profile, browserOptions(port));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${baseURL}/sign-in`);
  await signInForm(page, email);
  await page.waitForURL((url) => url.pathname !== "/sign-in");
  await context.close();
}

/** A Lighthouse category score's median of three runs, and the runs. */
export interface Scores {
  performance: number;
  accessibility: number;
  runs: number[];
}

/**
 * Lighthouse on `url` in the signed-in profile three times (its own advice for a score that varies from run to run),
 * with its default mobile settings or its desktop preset; the reports are written as `lighthouse-<name>-<run>.html`.
 */
export async function lighthouseMedian(url: string, port: number, form: "mobile" | "desktop", name: string): Promise<Scores> {
  const runs: { performance: number; accessibility: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const result = await lighthouse(
      url,
      { port, output: "html", logLevel: "error", onlyCategories: ["performance", "accessibility"], disableStorageReset: true },
      form === "desktop" ? desktopConfig : undefined,
    );
    if (!result) throw new Error("Lighthouse returned no result");
    expect(result.lhr.finalDisplayedUrl, "Lighthouse measured the signed-in page").toBe(url);
    const categories = result.lhr.categories;
    runs.push({
      performance: Math.round((categories.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    });
    writeFileSync(path.join(results, `lighthouse-${name}-${form}-${run + 1}.html`), result.report as string);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
  const scores = {
    performance: median(runs.map((r) => r.performance)),
    accessibility: median(runs.map((r) => r.accessibility)),
    runs: runs.map((r) => r.performance),
  };
  console.log(`Lighthouse ${name} ${form}: performance ${scores.performance} (runs ${scores.runs.join(", ")}), accessibility ${scores.accessibility}`);
  return scores;
}
