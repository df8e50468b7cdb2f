import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page, type TestInfo } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startStack, type Stack } from "./stack";

/** Which database the project's server runs on. */
export interface StackOptions {
  dialect: "sqlite" | "postgres";
}

interface WorkerFixtures {
  stack: Stack;
}

interface TestFixtures {
  /**
   * Fails the test on a Content-Security-Policy violation or a page error (a blocked inline script would be one);
   * a test that provokes a violation on purpose calls allowViolations().
   */
  guard: { allowViolations(): void };
}

export const test = base.extend<TestFixtures, StackOptions & WorkerFixtures>({
  dialect: ["sqlite", { option: true, scope: "worker" }],
  // One server per dialect, for all the tests of the worker: starting .NET and migrating costs seconds.
  stack: [
    async ({ dialect }, use) => {
      const stack = await startStack(dialect);
      await use(stack);
      await stack.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
  baseURL: async ({ stack }, use) => use(stack.baseURL),
  guard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      let violationsAllowed = false;
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (!violationsAllowed && message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
      });
      await use({ allowViolations: () => (violationsAllowed = true) });
      expect(problems, "the page ran without errors or policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(
    serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

/** The screen at 1280×800 and at 390×844, into e2e-results/screenshots/<project>/ (not committed). */
export async function photograph(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const directory = path.join(process.env.E2E_RESULTS ?? "e2e-results", "screenshots", testInfo.project.name);
  mkdirSync(directory, { recursive: true });
  const original = page.viewportSize();
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(directory, `${name}-${width}x${height}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** The names of the elements Tab visits, in order, starting from the top of the page. */
export async function tabOrder(page: Page, steps: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press("Tab");
    names.push(
      await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return "";
        const labelled = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : null;
        return (labelled ?? element.getAttribute("aria-label") ?? element.textContent ?? "").trim();
      }),
    );
  }
  return names;
}
