import { chromium, expect, request as httpRequest, test, type APIRequestContext } from "@playwright/test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { api, apiToken, newAddress, verifiedAccount } from "../../web/e2e/people";
import { seedOrganization, type SeededOrganization } from "../../web/e2e/seed";
import { freePort, startStack, type Stack } from "../../web/e2e/stack";
import { browserOptions, results, signInProfile } from "./browser";

// Not a target but a diagnosis: where a page's main thread goes on a fresh load of the seeded organization, under the
// same 4x CPU slowdown as Lighthouse's mobile runs. A CPU profile of the load, reduced to self time by script and by
// function and to inclusive time by function, lands in bench/results/web-app/profile-<page>.txt. Function names are
// minified in a normal build: for readable ones, build the web app with `npx vite build --minify false` and the
// server with BENCH_NO_BUILD=1 after touching src/TimeTracker/obj/webapp.build.stamp (see bench/README.md).
// PROFILE_PAGES chooses the organization's pages (default: reports,time). PROFILE_EMPTY=1 profiles the timer bench's
// case instead: a person with an empty organization and one project, each page loaded fresh from a blank tab (as
// Lighthouse loads it) rather than from another page of the app.

const empty = process.env.PROFILE_EMPTY === "1";
let stack: Stack;
let seeded: Pick<SeededOrganization, "orgId" | "owner">;
test.beforeAll(async () => {
  stack = await startStack("sqlite");
  const request = await httpRequest.newContext({ baseURL: stack.baseURL });
  seeded = empty ? await emptyOrganization(request) : await seedOrganization(request, stack);
  await request.dispose();
});

/** As timer-page.bench.ts: a verified person with an organization and one project. */
async function emptyOrganization(request: APIRequestContext): Promise<Pick<SeededOrganization, "orgId" | "owner">> {
  const email = await verifiedAccount(request, stack, "Bench", newAddress("profile"));
  const token = await apiToken(request, email);
  const org = await api<{ id: number }>(request, token, "POST", "/api/v1/orgs", { name: "Bench Co" });
  await api(request, token, "POST", `/api/v1/orgs/${org.id}/projects`, { name: "Website" });
  return { orgId: org.id, owner: { email, token } };
}
test.afterAll(async () => {
  await stack?.stop();
});

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by script and by function, and inclusive time by function (each counted once per sample). */
function summarize(profile: CpuProfile): { byScript: Map<string, number>; self: Map<string, number>; inclusive: Map<string, number> } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
  const add = (into: Map<string, number>, key: string, ms: number) => into.set(key, (into.get(key) ?? 0) + ms);
  const byScript = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = nodes.get(id)!;
    add(byScript, node.callFrame.url.split("/").pop() || node.callFrame.functionName, ms);
    add(self, name(node), ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const key = name(nodes.get(at)!);
      if (!seen.has(key)) add(inclusive, key, ms);
      seen.add(key);
    }
  });
  return { byScript, self, inclusive };
}

/**
 * The busy stretches of the main thread (samples between two idle ones), longest first, each with the functions it
 * spent most in: roughly the long tasks Lighthouse counts (it counts a task's time beyond 50 ms as blocking).
 */
function stretches(profile: CpuProfile, count: number): string {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
  const found: { at: number; ms: number; inclusive: Map<string, number> }[] = [];
  let at = 0;
  let current: (typeof found)[number] | null = null;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    at += ms;
    const node = nodes.get(id)!;
    if (node.callFrame.functionName === "(idle)") {
      current = null;
      return;
    }
    if (current === null) found.push((current = { at, ms: 0, inclusive: new Map() }));
    current.ms += ms;
    const seen = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parents.get(up)) {
      const key = name(nodes.get(up)!);
      if (!seen.has(key) && !key.startsWith("(root)")) current.inclusive.set(key, (current.inclusive.get(key) ?? 0) + ms);
      seen.add(key);
    }
  });
  return found
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map((s) => `${s.ms.toFixed(0).padStart(7)} ms at ${s.at.toFixed(0)} ms\n${top(s.inclusive, 14).replace(/^/gm, "    ")}`)
    .join("\n");
}

const top = (figures: Map<string, number>, count: number) =>
  [...figures]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${key}`)
    .join("\n");

test("where the main thread goes while the seeded organization's pages load (4x CPU slowdown)", async () => {
  mkdirSync(results, { recursive: true });
  const profileDir = mkdtempSync(path.join(tmpdir(), "timetracker-profile-"));
  const port = await freePort();
  try {
    await signInProfile(profileDir, port, stack.baseURL, seeded.owner.email);
    const context = await chromium.launchPersistentContext(profileDir, browserOptions(port));
    const page = context.pages()[0] ?? (await context.newPage());
    for (const target of (process.env.PROFILE_PAGES ?? "reports,time").split(",")) {
      // From another page of the app, so that the browser's caches are as warm as a returning person's; or, for the
      // timer bench's case, from a blank tab.
      await page.goto(empty ? "about:blank" : `${stack.baseURL}/account`);
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
      await page.goto(`${stack.baseURL}/orgs/${seeded.orgId}/${target}`);
      const loaded = empty ? "main .empty, main .day" : "main table, main .entry, main [role=grid]";
      await expect(page.locator(loaded).first()).toBeVisible({ timeout: 30_000 });
      // Whatever the page still does once its data is there (a chart drawn when idle) is part of the load.
      await page.waitForTimeout(3000);
      const { profile } = (await cdp.send("Profiler.stop")) as { profile: CpuProfile };
      await cdp.detach();
      const { byScript, self, inclusive } = summarize(profile);
      const text = [
        `== ${target}: the longest busy stretches`,
        stretches(profile, 8),
        `== ${target}: self time by script`,
        top(byScript, 25),
        `== ${target}: self time by function`,
        top(self, 40),
        `== ${target}: inclusive time by function`,
        top(inclusive, 150),
        "",
      ].join("\n");
      writeFileSync(path.join(results, `profile-${empty ? "empty-" : ""}${target}.txt`), text);
      console.log(text);
    }
    await context.close();
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
});
