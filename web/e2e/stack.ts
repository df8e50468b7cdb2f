import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Mailbox } from "./mailbox";

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * A running `timetracker serve` on a fresh database, with its emails caught by scripts/smtp-test-server and its calls to
 * Stripe answered by the stand-in (tests/StripeStandIn), which also hosts the Checkout page and sends Stripe's events.
 */
export interface Stack {
  baseURL: string;
  mailbox: Mailbox;
  stripe: StripeStandIn;
  stop(): Promise<void>;
}

/** The Stripe stand-in the server calls: the price it sells, and how a test makes Stripe send a session's events. */
export interface StripeStandIn {
  baseURL: string;
  price: string;
  /**
   * Sends the Checkout Session's events to the server's webhook, signed as Stripe signs them (the first time
   * checkout.session.completed and customer.subscription.created, then .updated, or .deleted for canceled), with the
   * subscription in `status`; answers each event's type and the webhook's HTTP status.
   */
  sendEvents(sessionId: string, status?: string): Promise<{ type: string; status: number }[]>;
}

/** The built stand-in: STRIPE_STAND_IN_DLL, else the Release build (built here when missing: the .NET tests' build makes it too). */
function standInCommand(): [string, string[]] {
  const dll = process.env.STRIPE_STAND_IN_DLL ?? path.join(repository, "tests", "StripeStandIn", "bin", "Release", "net10.0", "stripe-stand-in.dll");
  if (!existsSync(dll))
    execFileSync("dotnet", ["build", path.join(repository, "tests", "StripeStandIn"), "-c", "Release", "-nologo", "-v", "q"], { stdio: ["ignore", "ignore", "inherit"] });
  return ["dotnet", [dll]];
}

/** Starts the stand-in on a free port; it sends events to `webhook`, signed with `secret`. */
async function startStripe(webhook: string, secret: string): Promise<{ process: ChildProcess; stripe: StripeStandIn }> {
  const baseURL = `http://127.0.0.1:${await freePort()}`;
  const [command, prefix] = standInCommand();
  const child = spawn(command, [...prefix, "--urls", baseURL, "--webhook-url", webhook, "--webhook-secret", secret], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Stripe stand-in did not start within 60 s:\n${output}`)), 60_000);
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", listen);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the Stripe stand-in exited with ${code}:\n${output}`));
    });
  });
  const stripe: StripeStandIn = {
    baseURL,
    price: "price_team_monthly",
    async sendEvents(sessionId, status = "active") {
      const response = await fetch(`${baseURL}/stand-in/checkout/sessions/${encodeURIComponent(sessionId)}/events?status=${status}`, { method: "POST" });
      if (!response.ok) throw new Error(`the stand-in did not send the events of ${sessionId}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { events: { type: string; status: number }[] }).events;
    },
  };
  return { process: child, stripe };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** A port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The built server: TIMETRACKER_DLL, else the Release build that `dotnet build`/`scripts/test` made. */
function serverCommand(): [string, string[]] {
  const dll = process.env.TIMETRACKER_DLL ?? path.join(repository, "src", "TimeTracker", "bin", "Release", "net10.0", "timetracker.dll");
  if (!existsSync(dll)) throw new Error(`${dll} does not exist: build the server first (dotnet build src/TimeTracker -c Release), or set TIMETRACKER_DLL.`);
  return ["dotnet", [dll]];
}

/**
 * A new database of the dialect: a SQLite file in `directory`, or a new database on the test PostgreSQL that
 * scripts/test started (WAYMARK_TEST_POSTGRES, an Npgsql connection string; created with psql, as its superuser).
 */
function databaseUrl(dialect: "sqlite" | "postgres", directory: string): string {
  if (dialect === "sqlite") return `sqlite:///${path.join(directory, "e2e.db")}`;
  const settings = Object.fromEntries(
    (process.env.WAYMARK_TEST_POSTGRES ?? "")
      .split(";")
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf("=");
        return [pair.slice(0, at).trim().toLowerCase(), pair.slice(at + 1).trim()];
      }),
  );
  const host = settings["host"] ?? "127.0.0.1";
  const port = settings["port"] ?? "5432";
  const user = settings["username"] ?? settings["user id"] ?? settings["user"] ?? "postgres";
  const name = `e2e_${randomUUID().replaceAll("-", "")}`;
  execFileSync("psql", ["-h", host, "-p", port, "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qc", `CREATE DATABASE "${name}"`], {
    env: { ...process.env, PGPASSWORD: settings["password"] ?? "", PATH: `${process.env.PATH}:${psqlDirectories()}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return `postgresql://${encodeURIComponent(user)}@${host}:${port}/${name}`;
}

// Debian puts psql on PATH (postgresql-client-common); the cluster's own bin folder has it too.
function psqlDirectories(): string {
  try {
    return execFileSync("sh", ["-c", "ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1"]).toString().trim();
  } catch {
    return "";
  }
}

async function waitForHealth(baseURL: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`timetracker serve exited with ${server.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${baseURL}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timetracker serve did not answer /health within 90 s:\n${log()}`);
}

/** Starts SMTP, migrates a new database to head, and starts `timetracker serve` on it. */
export async function startStack(dialect: "sqlite" | "postgres"): Promise<Stack> {
  const directory = mkdtempSync(path.join(tmpdir(), `timetracker-e2e-${dialect}-`));
  const mailDirectory = path.join(directory, "smtp");
  const smtpScript = path.join(repository, "scripts", "smtp-test-server");
  const smtpPort = execFileSync("bash", [smtpScript, "start", mailDirectory, String(process.pid)]).toString().trim();
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const webhookSecret = `whsec_e2e_${randomBytes(16).toString("hex")}`;
  const [command, prefix] = serverCommand();
  const { process: stripeProcess, stripe } = await startStripe(`${baseURL}/api/v1/webhooks/stripe`, webhookSecret).catch((error: unknown) => {
    execFileSync("bash", [smtpScript, "stop", mailDirectory]);
    throw error;
  });
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl(dialect, directory),
    Jwt__SigningKey: randomBytes(48).toString("base64"),
    Email__Smtp__Host: "127.0.0.1",
    Email__Smtp__Port: smtpPort,
    Email__Smtp__Security: "none",
    // The emailed links lead to this server, as they would in production.
    Accounts__PublicUrl: baseURL,
    DataProtection__KeyFile: path.join(directory, "keys", "key-encryption.key"),
    RateLimiting__Auth__PermitLimit: "1000",
    RateLimiting__Refresh__PermitLimit: "1000",
    RateLimiting__Account__PermitLimit: "1000",
    Logging__LogLevel__Default: "Warning",
    // The forgotten-timer worker looks every second, so that a spec sees a timer stopped at its cap without waiting a minute.
    Timers__WorkerInterval: "00:00:01",
    // Billing against the stand-in: the key it accepts (sk_test_…), the secret its events are signed with, one price.
    Stripe__ApiBase: stripe.baseURL,
    Stripe__SecretKey: `sk_test_e2e_${randomBytes(8).toString("hex")}`,
    Stripe__WebhookSecrets__0: webhookSecret,
    Billing__Prices__0: stripe.price,
    [`Billing__Plans__${stripe.price}__Name`]: "Team",
    [`Billing__Plans__${stripe.price}__Amount`]: "8.50",
    [`Billing__Plans__${stripe.price}__Currency`]: "EUR",
    [`Billing__Plans__${stripe.price}__Interval`]: "month",
  };
  try {
    execFileSync(command, [...prefix, "db", "upgrade"], { env, stdio: ["ignore", "ignore", "inherit"] });
  } catch (error) {
    await stopProcess(stripeProcess);
    execFileSync("bash", [smtpScript, "stop", mailDirectory]);
    throw error;
  }
  const server = spawn(command, [...prefix, "serve", "--urls", baseURL], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  server.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  try {
    await waitForHealth(baseURL, server, () => output);
  } catch (error) {
    server.kill("SIGTERM");
    await stopProcess(stripeProcess);
    execFileSync("bash", [smtpScript, "stop", mailDirectory]);
    throw error;
  }
  return {
    baseURL,
    mailbox: new Mailbox(path.join(mailDirectory, "maildir", "new")),
    stripe,
    async stop() {
      await stopProcess(server);
      await stopProcess(stripeProcess);
      execFileSync("bash", [smtpScript, "stop", mailDirectory]);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
