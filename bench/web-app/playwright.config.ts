import { defineConfig } from "@playwright/test";

// The web app's speed bench (bench/run-web.sh): one server, one browser, one test at a time. Debian's Chromium only.
export default defineConfig({
  testDir: ".",
  testMatch: "*.bench.ts",
  outputDir: "../results/web-app/artifacts",
  workers: 1,
  retries: 0,
  timeout: 600_000,
  reporter: [["list"]],
});
