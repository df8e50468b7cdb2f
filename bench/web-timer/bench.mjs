// Start/stop latency of the web app's timer bar, as a person sees it: from the start/stop key press (Alt+Shift+S) to
// the bar showing the change (the DOM changed and the next frame began), and on to the server's confirmation, in
// Debian's Chromium against a real `timetracker serve` on SQLite over loopback.
//
//   node bench/web-timer/bench.mjs [presses]     (default 100: 50 starts and 50 stops, after 6 warm-up presses)
//
// Needs the Release build (`dotnet build src/TimeTracker -c Release`, which also builds and embeds the web app),
// web/node_modules (npm ci) and /usr/bin/chromium (or CHROMIUM_PATH). bench/run-web-timer.sh sees to all three.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const { chromium } = createRequire(path.join(root, "web", "package.json"))("@playwright/test");
const presses = Number(process.argv[2] ?? 100);
const warmUp = 6;
const dll = process.env.TIMETRACKER_DLL ?? path.join(root, "src", "TimeTracker", "bin", "Release", "net10.0", "timetracker.dll");
if (!existsSync(dll)) throw new Error(`${dll} is missing: run dotnet build src/TimeTracker -c Release first.`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The verification token in the newest email, from the test SMTP server's Maildir (quoted-printable undone). */
async function verificationToken(maildir) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const files = existsSync(maildir) ? readdirSync(maildir).sort() : [];
    for (const file of files.reverse()) {
      const raw = readFileSync(path.join(maildir, file), "utf8");
      const text = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      const match = /verify-email\?token=([A-Za-z0-9_\-.%]+)/.exec(text);
      if (match) return decodeURIComponent(match[1]);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("no verification email within 30 s");
}

async function json(base, method, route, token, body) {
  const response = await fetch(base + route, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const at = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((sorted.length * p) / 100) - 1))];
const line = (name, values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (v) => v.toFixed(1).padStart(6);
  return `${name.padEnd(40)} p50 ${f(at(sorted, 50))} ms   p95 ${f(at(sorted, 95))} ms   max ${f(sorted[sorted.length - 1])} ms   (n=${sorted.length})`;
};

const work = mkdtempSync(path.join(tmpdir(), "web-timer-bench-"));
const smtpScript = path.join(root, "scripts", "smtp-test-server");
const mailDirectory = path.join(work, "smtp");
let server;
let browser;
try {
  const smtpPort = execFileSync("bash", [smtpScript, "start", mailDirectory, String(process.pid)]).toString().trim();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:///${path.join(work, "bench.db")}`,
    Jwt__SigningKey: randomBytes(48).toString("base64"),
    Email__Smtp__Host: "127.0.0.1",
    Email__Smtp__Port: smtpPort,
    Email__Smtp__Security: "none",
    Accounts__PublicUrl: base,
    DataProtection__KeyFile: path.join(work, "keys", "key-encryption.key"),
    Logging__LogLevel__Default: "Warning",
  };
  execFileSync("dotnet", [dll, "db", "upgrade"], { env, stdio: ["ignore", "ignore", "inherit"] });
  server = spawn("dotnet", [dll, "serve", "--urls", base], { env, stdio: "ignore" });
  for (let i = 0; ; i++) {
    if (i > 450) throw new Error("timetracker serve did not answer /health within 90 s");
    if (await fetch(`${base}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const email = "bench@example.test";
  const password = "glacier tuba orbit maple 47";
  await json(base, "POST", "/api/v1/auth/register", null, { email, password, name: "Bench" });
  await json(base, "POST", "/api/v1/auth/verify-email", null, { token: await verificationToken(path.join(mailDirectory, "maildir", "new")) });
  const { accessToken } = await json(base, "POST", "/api/v1/auth/login", null, { email, password });
  const org = await json(base, "POST", "/api/v1/orgs", accessToken, { name: "Bench Co" });
  await json(base, "POST", `/api/v1/orgs/${org.id}/projects`, accessToken, { name: "Website" });

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/sign-in?next=${encodeURIComponent(`/orgs/${org.id}/time`)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("region", { name: "Timer" }).getByRole("button", { name: "Start" }).waitFor();
  await page.locator("body").click({ position: { x: 5, y: 5 } });

  // In the page: each press is timed from the key event's own time stamp (when the browser received the input) to the
  // bar's data-timer change (the DOM), to the start of the next frame (painted), and to data-confirmed="true".
  await page.evaluate(() => {
    const bar = document.querySelector("section.timer-bar");
    const results = [];
    let current = null;
    window.__timerBench = results;
    window.addEventListener(
      "keydown",
      (event) => {
        if (event.code !== "KeyS" || !event.altKey) return;
        current = { press: event.timeStamp, from: bar.dataset.timer };
        results.push(current);
      },
      true,
    );
    new MutationObserver(() => {
      if (current === null) return;
      const now = performance.now();
      const record = current;
      if (record.dom === undefined && bar.dataset.timer !== record.from) {
        record.dom = now - record.press;
        requestAnimationFrame(() => (record.frame = performance.now() - record.press));
      }
      if (record.dom !== undefined && record.confirmed === undefined && bar.dataset.confirmed === "true") record.confirmed = now - record.press;
    }).observe(bar, { attributes: true, attributeFilter: ["data-timer", "data-confirmed"] });
  });

  for (let i = 0; i < warmUp + presses; i++) {
    await page.keyboard.press("Alt+Shift+KeyS");
    await page.waitForFunction(
      (n) => {
        const record = window.__timerBench[n];
        return record !== undefined && record.frame !== undefined && record.confirmed !== undefined;
      },
      i,
      { polling: "raf", timeout: 10_000 },
    );
  }
  const records = (await page.evaluate(() => window.__timerBench)).slice(warmUp);
  const starts = records.filter((record) => record.from === "stopped");
  const stops = records.filter((record) => record.from === "running");
  const cpus = execFileSync("nproc").toString().trim();
  console.log(`== web timer bar, Chromium ${browser.version()}, timetracker serve on SQLite over loopback, ${cpus} cores, ${new Date().toISOString().slice(0, 10)}`);
  console.log(line("start: key press to bar changed (DOM)", starts.map((r) => r.dom)));
  console.log(line("start: key press to next frame (shown)", starts.map((r) => r.frame)));
  console.log(line("start: key press to server confirmed", starts.map((r) => r.confirmed)));
  console.log(line("stop: key press to bar changed (DOM)", stops.map((r) => r.dom)));
  console.log(line("stop: key press to next frame (shown)", stops.map((r) => r.frame)));
  console.log(line("stop: key press to server confirmed", stops.map((r) => r.confirmed)));
  console.log(line("all: key press to next frame (shown)", records.map((r) => r.frame)));
} finally {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  try {
    execFileSync("bash", [smtpScript, "stop", mailDirectory]);
  } catch {
    // Already gone.
  }
  rmSync(work, { recursive: true, force: true });
}
