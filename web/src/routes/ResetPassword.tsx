import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { accounts } from "../auth/accounts";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { applyProblem } from "../components/forms";
import { confirmPasswordRules, newPasswordHint, newPasswordRules, PasswordStrength } from "../components/PasswordStrength";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { useLinkToken } from "./useLinkToken";

interface ResetValues {
  newPassword: string;
  confirmPassword: string;
}

/** The landing page of the emailed reset link: the new password twice, with a strength meter. */
export function ResetPassword() {
  const token = useLinkToken();
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, watch, formState } = useForm<ResetValues>({ defaultValues: { newPassword: "", confirmPassword: "" } });
  const newPassword = watch("newPassword");

  const onSubmit = handleSubmit(async ({ newPassword: chosen }) => {
    setProblem(null);
    try {
      await accounts.resetPassword(token ?? "", chosen);
      setDone(true);
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["newPassword"]));
    }
  });

  if (token === null)
    return (
      <AuthLayout title="This link is incomplete" intro="The reset link has no token. Open the link from the email again, or ask for a new one.">
        <Button asChild variant="secondary">
          <Link to="/forgot-password">Ask for a new link</Link>
        </Button>
      </AuthLayout>
    );
  if (done)
    return (
      <AuthLayout title="Your password is changed">
        <div className="stack">
          <FormAlert tone="success" title="Sign in with your new password.">
            <p>For your safety, every device that was signed in has been signed out.</p>
          </FormAlert>
          <Button asChild className="button--block">
            <Link to="/sign-in">Sign in</Link>
          </Button>
        </div>
      </AuthLayout>
    );

  const { errors, isSubmitting } = formState;
  return (
    <AuthLayout title="Choose a new password" footer={<p><Link to="/forgot-password">Ask for a new link</Link> if this one has expired.</p>}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <ProblemAlert problem={problem} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          hint={newPasswordHint}
          error={errors.newPassword?.message}
          {...register("newPassword", newPasswordRules("Choose a new password."))}
        >
          <PasswordStrength password={newPassword} />
        </TextField>
        <TextField
          label="New password, again"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword?.message}
          {...register("confirmPassword", confirmPasswordRules())}
        />
        <Button type="submit" busy={isSubmitting} className="button--block">
          {isSubmitting ? "Saving…" : "Save new password"}
        </Button>
      </form>
    </AuthLayout>
  );
}

export { ResetPassword as Component };
