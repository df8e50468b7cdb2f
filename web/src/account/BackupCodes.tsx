import { useEffect, useRef, useState } from "react";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { backupCodesText } from "./backupCodesFile";

/** A Blob URL of `text` for a download link, revoked when the codes leave the screen. */
function useTextFileUrl(text: string): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [text]);
  return url;
}

/**
 * The backup codes, this once: the server keeps only their hashes, so leaving this screen loses them. Copy (Clipboard
 * API) and download (a .txt made in the browser) help to put them somewhere safe.
 */
export function BackupCodes({ codes, email, title, onDone }: { codes: string[]; email: string; title: string; onDone: () => void }) {
  const [copied, setCopied] = useState("");
  const text = backupCodesText(codes, email);
  const href = useTextFileUrl(text);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopied("The codes are copied. Paste them into your password manager.");
    } catch {
      setCopied("This browser did not let us copy. Download the codes, or write them down.");
    }
  };

  return (
    <div className="stack" aria-labelledby="backup-codes-title" role="region">
      <h3 id="backup-codes-title" className="account-step__title" tabIndex={-1} ref={heading}>
        {title}
      </h3>
      <FormAlert tone="info" title="Save your backup codes now. They are shown only this once.">
        <p>Each code signs you in once if you lose your phone. Keep them in a password manager or print them.</p>
      </FormAlert>
      <ol className="backup-codes" aria-label="Backup codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="account-actions">
        <Button variant="secondary" onClick={copy}>
          Copy codes
        </Button>
        <Button asChild variant="secondary">
          <a href={href} download="timetracker-backup-codes.txt">
            Download .txt
          </a>
        </Button>
        <p className="account-saved" role="status">
          {copied}
        </p>
      </div>
      <div className="account-actions">
        <Button onClick={onDone}>I have saved my codes</Button>
      </div>
    </div>
  );
}
