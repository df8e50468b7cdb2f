import { useState } from "react";
import { useForm } from "react-hook-form";
import { toProblem, type FormProblem } from "../api/problem";
import { accounts } from "../auth/accounts";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { applyProblem } from "../components/forms";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";

interface CodeValues {
  code: string;
  backupCode: string;
}

/** The second step of a sign-in: a code from the authenticator app, or one of the backup codes. */
export function SecondFactor({ challenge, onDone, onRestart }: { challenge: string; onDone: () => void; onRestart: () => void }) {
  const [useBackup, setUseBackup] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<CodeValues>({ defaultValues: { code: "", backupCode: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      await accounts.completeSignIn({ challenge, code: useBackup ? null : values.code.replace(/\s/g, ""), backupCode: useBackup ? values.backupCode.trim() : null });
      onDone();
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["code", "backupCode"]));
    }
  });

  const { errors, isSubmitting } = formState;
  return (
    <AuthLayout title="Two-step verification" intro={useBackup ? "Enter one of the backup codes you saved when you set up two-step verification." : "Enter the 6-digit code from your authenticator app."}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <ProblemAlert problem={problem} />
        {useBackup ? (
          <TextField key="backup" label="Backup code" autoComplete="off" autoFocus error={errors.backupCode?.message} {...register("backupCode", { required: "Enter a backup code." })} />
        ) : (
          <TextField
            key="code"
            label="Authentication code"
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            error={errors.code?.message}
            {...register("code", { required: "Enter the code from your app.", pattern: { value: /^\s*(\d\s*){6}$/, message: "The code has 6 digits." } })}
          />
        )}
        <Button type="submit" busy={isSubmitting} className="button--block">
          {isSubmitting ? "Checking…" : "Verify and sign in"}
        </Button>
        <div className="form-row form-row--split">
          <Button variant="quiet" onClick={() => setUseBackup(!useBackup)}>
            {useBackup ? "Use the authenticator app" : "Use a backup code"}
          </Button>
          <Button variant="quiet" onClick={onRestart}>
            Start over
          </Button>
        </div>
      </form>
    </AuthLayout>
  );
}
