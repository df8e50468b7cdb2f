import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { ProblemAlert } from "../components/ProblemAlert";
import { account, meKey, type Me, type TotpSetup } from "./api";
import { BackupCodes } from "./BackupCodes";
import { cleanCode, CodeInput, PasswordInput, type PasswordAndCodeValues } from "./CodeFields";
import { placeProblem } from "./placeProblem";
import { continueSignedOut } from "./signedOut";

// The QR encoder is loaded only by someone setting 2FA up.
const QrCode = lazy(() => import("./QrCode"));

const byTitle = { "Wrong password": "password", "Wrong code": "code" } as const;

type Step =
  | { kind: "status" }
  | { kind: "password" }
  | { kind: "scan"; password: string; setup: TotpSetup }
  | { kind: "codes"; codes: string[]; title: string }
  | { kind: "replace" }
  | { kind: "disable" };

/** The secret in groups of four, as authenticator apps show and accept it. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** Two-step verification: its state, setting it up (QR code, then a code), the backup codes, replacing them, turning it off. */
export function TwoFactor({ me }: { me: Me }) {
  const [step, setStep] = useState<Step>({ kind: "status" });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toStatus = () => setStep({ kind: "status" });

  switch (step.kind) {
    case "password":
      return <SetUpPassword onCancel={toStatus} onReady={(password, setup) => setStep({ kind: "scan", password, setup })} />;
    case "scan":
      return (
        <Scan
          me={me}
          password={step.password}
          setup={step.setup}
          onCancel={toStatus}
          onEnabled={(codes) => {
            queryClient.setQueryData<Me>(meKey, (old) => (old ? { ...old, totpEnabled: true } : old));
            setStep({ kind: "codes", codes, title: "Two-step verification is on" });
          }}
        />
      );
    case "codes":
      return <BackupCodes codes={step.codes} email={me.email} title={step.title} onDone={toStatus} />;
    case "replace":
      return (
        <Confirm
          title="Replace your backup codes"
          intro="Confirm with your password and a code from your app. The codes you have now stop working."
          submit="Make new codes"
          busy="Making codes…"
          onCancel={toStatus}
          onConfirm={async (values) => setStep({ kind: "codes", codes: await account.regenerateBackupCodes(values), title: "Your new backup codes" })}
        />
      );
    case "disable":
      return (
        <Confirm
          title="Turn off two-step verification"
          intro="Your password alone will sign you in again. For your safety, every device is then signed out, this one too."
          submit="Turn off"
          busy="Turning off…"
          danger
          onCancel={toStatus}
          onConfirm={async (values) => {
            await account.disableTwoFactor(values);
            await continueSignedOut(navigate, queryClient, "Two-step verification is off, and every device was signed out. Sign in with your password.", me.email);
          }}
        />
      );
    case "status":
      return <Status me={me} onSetUp={() => setStep({ kind: "password" })} onReplace={() => setStep({ kind: "replace" })} onDisable={() => setStep({ kind: "disable" })} />;
  }
}

function Status({ me, onSetUp, onReplace, onDisable }: { me: Me; onSetUp: () => void; onReplace: () => void; onDisable: () => void }) {
  if (me.totpEnabled)
    return (
      <div className="stack">
        <p className="account-status">
          <span className="badge badge--on">On</span>
          Signing in asks for a code from your authenticator app, or one of your backup codes.
        </p>
        <div className="account-actions">
          <Button variant="secondary" onClick={onReplace}>
            Replace backup codes
          </Button>
          <Button variant="secondary" className="button--danger" onClick={onDisable}>
            Turn off
          </Button>
        </div>
      </div>
    );
  return (
    <div className="stack">
      <p className="account-status">
        <span className="badge">Off</span>
        Add a code from your phone to your password, so a stolen password alone cannot sign in.
      </p>
      {me.emailVerified ? (
        <div className="account-actions">
          <Button onClick={onSetUp}>Set up two-step verification</Button>
        </div>
      ) : (
        <FormAlert tone="info" title="Confirm your email address first.">
          <p>Open the link we emailed you when you signed up; then you can set up two-step verification here.</p>
        </FormAlert>
      )}
    </div>
  );
}

/** A step of the flow: its heading takes the focus, so keyboard and screen reader users land on what changed. */
function StepFrame({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="stack account-step">
      <h3 className="account-step__title" tabIndex={-1} ref={heading}>
        {title}
      </h3>
      {intro && <p className="muted">{intro}</p>}
      {children}
    </div>
  );
}

function SetUpPassword({ onCancel, onReady }: { onCancel: () => void; onReady: (password: string, setup: TotpSetup) => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<PasswordAndCodeValues>({ defaultValues: { password: "", code: "" } });
  const onSubmit = handleSubmit(async ({ password }) => {
    setProblem(null);
    try {
      onReady(password, await account.setUpTwoFactor(password));
    } catch (error) {
      setProblem(placeProblem(toProblem(error), setError, ["password"], byTitle));
    }
  });
  return (
    <StepFrame title="Set up two-step verification" intro="First, confirm it is you.">
      <form className="stack" onSubmit={onSubmit} noValidate>
        <ProblemAlert problem={problem} />
        <PasswordInput register={register} errors={formState.errors} />
        <div className="account-actions">
          <Button type="submit" busy={formState.isSubmitting}>
            {formState.isSubmitting ? "Checking…" : "Continue"}
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </StepFrame>
  );
}

function Scan({ me, password, setup, onCancel, onEnabled }: { me: Me; password: string; setup: TotpSetup; onCancel: () => void; onEnabled: (codes: string[]) => void }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<PasswordAndCodeValues>({ defaultValues: { password, code: "" } });
  const onSubmit = handleSubmit(async ({ code }) => {
    setProblem(null);
    try {
      onEnabled(await account.enableTwoFactor({ password, code: cleanCode(code) }));
    } catch (error) {
      setProblem(placeProblem(toProblem(error), setError, ["code"], byTitle));
    }
  });
  return (
    <StepFrame title="Scan the code with your authenticator app" intro="Any TOTP app works: 1Password, Bitwarden, Google Authenticator, Microsoft Authenticator…">
      <div className="totp-setup">
        <Suspense fallback={<div className="qr qr--loading" role="status" aria-label="Drawing the QR code…" />}>
          <QrCode value={setup.otpauthUri} label={`QR code to add TimeTracker (${me.email}) to an authenticator app`} />
        </Suspense>
        <div className="stack">
          <div>
            <p className="field__label">
              Can’t scan it? Enter this key instead
            </p>
            <code className="totp-secret" data-secret={setup.secret}>
              {grouped(setup.secret)}
            </code>
            <p className="field__hint">Time-based, 6 digits, every 30 seconds.</p>
          </div>
          <form className="stack" onSubmit={onSubmit} noValidate>
            <ProblemAlert problem={problem} />
            <CodeInput register={register} errors={formState.errors} hint="Then enter the 6-digit code the app shows, to check it works." />
            <div className="account-actions">
              <Button type="submit" busy={formState.isSubmitting}>
                {formState.isSubmitting ? "Turning on…" : "Turn on"}
              </Button>
              <Button variant="quiet" onClick={onCancel}>
                Cancel
              </Button>
            </div>
          </form>
        </div>
      </div>
    </StepFrame>
  );
}

function Confirm(props: {
  title: string;
  intro: string;
  submit: string;
  busy: string;
  danger?: boolean;
  onCancel: () => void;
  onConfirm: (values: PasswordAndCodeValues) => Promise<void>;
}) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<PasswordAndCodeValues>({ defaultValues: { password: "", code: "" } });
  const onSubmit = handleSubmit(async ({ password, code }) => {
    setProblem(null);
    try {
      await props.onConfirm({ password, code: cleanCode(code) });
    } catch (error) {
      setProblem(placeProblem(toProblem(error), setError, ["password", "code"], byTitle));
    }
  });
  return (
    <StepFrame title={props.title} intro={props.intro}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <ProblemAlert problem={problem} />
        <PasswordInput register={register} errors={formState.errors} />
        <CodeInput register={register} errors={formState.errors} />
        <div className="account-actions">
          <Button type="submit" className={props.danger ? "button--danger" : undefined} busy={formState.isSubmitting}>
            {formState.isSubmitting ? props.busy : props.submit}
          </Button>
          <Button variant="quiet" onClick={props.onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </StepFrame>
  );
}
