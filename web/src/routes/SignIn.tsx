import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { accounts } from "../auth/accounts";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { applyProblem, safeNext } from "../components/forms";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { SecondFactor } from "./SecondFactor";

interface SignInValues {
  email: string;
  password: string;
}

/** Sign in with email and password; when the account has 2FA on, the second step asks for a code. */
export function SignIn() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  // Why the person is here, when a page sent them (the account page after "sign out everywhere" or a new password).
  const notice: unknown = useLocation().state?.notice;
  const next = safeNext(params.get("next"));
  const [challenge, setChallenge] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, setValue, formState } = useForm<SignInValues>({ defaultValues: { email: params.get("email") ?? "", password: "" } });
  // Also when the address arrives after the page opened (the account page names it once it has signed out).
  const email = params.get("email");
  useEffect(() => {
    if (email) setValue("email", email);
  }, [email, setValue]);

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const outcome = await accounts.signIn(values);
      if (outcome.kind === "second-factor") setChallenge(outcome.challenge);
      else navigate(next, { replace: true });
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["email", "password"]));
    }
  });

  if (challenge !== null) return <SecondFactor challenge={challenge} onDone={() => navigate(next, { replace: true })} onRestart={() => setChallenge(null)} />;

  const { errors, isSubmitting } = formState;
  return (
    <AuthLayout
      title="Sign in"
      intro="Welcome back. Sign in to track your time."
      footer={
        <p>
          New to TimeTracker? <Link to={params.has("next") ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"}>Create an account</Link>
        </p>
      }
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        {typeof notice === "string" && problem === null && <FormAlert tone="success" title={notice} />}
        <ProblemAlert problem={problem} />
        <TextField label="Email" type="email" autoComplete="email" required error={errors.email?.message} {...register("email", { required: "Enter your email address." })} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password?.message}
          {...register("password", { required: "Enter your password." })}
        />
        <div className="form-row">
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
        <Button type="submit" busy={isSubmitting} className="button--block">
          {isSubmitting ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </AuthLayout>
  );
}

export { SignIn as Component };
