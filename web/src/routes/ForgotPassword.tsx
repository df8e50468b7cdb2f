import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { accounts } from "../auth/accounts";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { applyProblem } from "../components/forms";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";

/** Asks for a reset link. The server answers the same whether or not the address has an account, and so does the page. */
export function ForgotPassword() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<{ email: string }>({ defaultValues: { email: "" } });

  const onSubmit = handleSubmit(async ({ email }) => {
    setProblem(null);
    try {
      await accounts.requestPasswordReset(email);
      setSentTo(email);
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["email"]));
    }
  });

  const footer = (
    <p>
      Remembered it? <Link to="/sign-in">Back to sign in</Link>
    </p>
  );
  if (sentTo !== null)
    return (
      <AuthLayout title="Check your inbox" footer={footer}>
        <FormAlert tone="success" title="If that address has an account, a reset link is on its way.">
          <p>
            We sent it to <strong>{sentTo}</strong>. The link works once and expires soon.
          </p>
        </FormAlert>
      </AuthLayout>
    );
  return (
    <AuthLayout title="Forgot your password?" intro="Enter the address you sign in with, and we will email you a link to choose a new password." footer={footer}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <ProblemAlert problem={problem} />
        <TextField label="Email" type="email" autoComplete="email" required error={formState.errors.email?.message} {...register("email", { required: "Enter your email address." })} />
        <Button type="submit" busy={formState.isSubmitting} className="button--block">
          {formState.isSubmitting ? "Sending…" : "Email me a reset link"}
        </Button>
      </form>
    </AuthLayout>
  );
}

export { ForgotPassword as Component };
