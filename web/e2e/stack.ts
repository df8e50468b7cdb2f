import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Mailbox } from "./mailbox";

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A running `timetracker serve` on a fresh database, with its emails caught by scripts/smtp-test-server. */
export interface Stack {
  baseURL: string;
  mailbox: Mailbox;
  stop(): Promise<void>;
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
  };
  const [command, prefix] = serverCommand();
  execFileSync(command, [...prefix, "db", "upgrade"], { env, stdio: ["ignore", "ignore", "inherit"] });
  const server = spawn(command, [...prefix, "serve", "--urls", baseURL], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  server.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  try {
    await waitForHealth(baseURL, server, () => output);
  } catch (error) {
    server.kill("SIGTERM");
    execFileSync("bash", [smtpScript, "stop", mailDirectory]);
    throw error;
  }
  return {
    baseURL,
    mailbox: new Mailbox(path.join(mailDirectory, "maildir", "new")),
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        await exited;
      }
      execFileSync("bash", [smtpScript, "stop", mailDirectory]);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
