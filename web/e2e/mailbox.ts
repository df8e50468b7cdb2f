import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** An email as the test SMTP server stored it (one file per message in a Maildir). */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

// Enough of MIME for our own emails: headers unfolded, quoted-printable or base64 parts decoded, all parts joined.
function decode(raw: string): Mail {
  const [head = "", ...rest] = raw.replace(/\r\n/g, "\n").split("\n\n");
  const headers = head.replace(/\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headers)?.[1]?.trim() ?? "";
  let body = rest.join("\n\n");
  if (/quoted-printable/i.test(raw))
    body = body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const base64Parts = [...body.matchAll(/Content-Transfer-Encoding:\s*base64\s*\n(?:[^\n]+\n)*\n([A-Za-z0-9+/=\n]+)/gi)];
  for (const part of base64Parts) body += "\n" + Buffer.from((part[1] ?? "").replace(/\n/g, ""), "base64").toString("utf8");
  return { to: header("X-RcptTo") || header("To"), subject: header("Subject"), text: body };
}

/**
 * Where a message stands in arrival order. Python's Maildir names a message `<seconds>.M<microseconds>P<pid>Q<n>.<host>`,
 * where `n` counts the messages the server stored; the microseconds are not zero-padded, so sorting the names as text
 * puts a later message of the same second first now and then.
 */
function arrival(file: string): number {
  const count = /Q(\d+)\./.exec(file)?.[1];
  if (count === undefined) throw new Error(`Unexpected Maildir file name ${file}: expected <seconds>.M<µs>P<pid>Q<n>.<host>`);
  return Number(count);
}

/** The emails the test SMTP server received. */
export class Mailbox {
  constructor(private readonly directory: string) {}

  all(): Mail[] {
    if (!existsSync(this.directory)) return [];
    return readdirSync(this.directory)
      .sort((a, b) => arrival(a) - arrival(b))
      .map((file) => decode(readFileSync(path.join(this.directory, file), "utf8")));
  }

  /** The link to `page` (`/verify-email`) in the newest email to `address`, waiting up to 30 s for it to arrive. */
  async waitForLink(address: string, page: string): Promise<string> {
    const pattern = new RegExp(`https?://[^\\s"<>]+${page}\\?token=[^\\s"<>]+`);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const mail = this.all()
        .reverse()
        .find((message) => message.to.toLowerCase().includes(address.toLowerCase()) && pattern.test(message.text));
      if (mail) return pattern.exec(mail.text)![0];
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`No email to ${address} with a ${page} link arrived within 30 s (have: ${this.all().map((m) => `${m.to}: ${m.subject}`).join("; ")})`);
  }
}
