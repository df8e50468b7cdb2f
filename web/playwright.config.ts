import { defineConfig, devices } from "@playwright/test";
import type { StackOptions } from "./e2e/fixtures";

// End-to-end tests against the real `timetracker serve` (started by e2e/stack.ts), in Debian's Chromium: never a browser
// downloaded from a vendor. Two workers (scripts/test runs them after the .NET suite, on a 2-core machine): each has its
// own server per dialect, so test files never share a database; the tests of one file stay in order in one worker.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const output = process.env.E2E_RESULTS ?? "e2e-results";
const dialects: StackOptions["dialect"][] = process.env.WAYMARK_TEST_POSTGRES ? ["sqlite", "postgres"] : ["sqlite"];

export default defineConfig<StackOptions>({
  testDir: "e2e",
  outputDir: `${output}/artifacts`,
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["junit", { outputFile: `${output}/junit.xml` }]],
  use: {
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: chromium,
      // Root in CI containers has no user namespaces for Chromium's sandbox.
      args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: dialects.map((dialect) => ({ name: dialect, use: { dialect } })),
});
