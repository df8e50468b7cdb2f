import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useSearchParams } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { accounts } from "../auth/accounts";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { applyProblem, safeNext } from "../components/forms";
import { newPasswordHint, newPasswordRules, PasswordStrength } from "../components/PasswordStrength";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";

interface SignUpValues {
  name: string;
  email: string;
  password: string;
}

/** Create an account; the server emails a link that leads to /verify-email. */
export function SignUp() {
  // Where sign-in should lead afterwards (an invitation, say): passed on to the sign-in links, never followed from here.
  const [params] = useSearchParams();
  const next = params.has("next") ? `next=${encodeURIComponent(safeNext(params.get("next")))}` : "";
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, watch, formState } = useForm<SignUpValues>({ defaultValues: { name: "", email: "", password: "" } });
  const password = watch("password");
  const [name, email] = watch(["name", "email"]);

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      await accounts.register(values);
      setSentTo(values.email);
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["name", "email", "password"]));
    }
  });

  if (sentTo !== null) return <CheckInbox email={sentTo} next={next} />;

  const { errors, isSubmitting } = formState;
  return (
    <AuthLayout
      title="Create your account"
      intro="Track time for yourself or your whole team. Free to start."
      footer={
        <p>
          Already have an account? <Link to={next ? `/sign-in?${next}` : "/sign-in"}>Sign in</Link>
        </p>
      }
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <ProblemAlert problem={problem} />
        <TextField label="Your name" autoComplete="name" required error={errors.name?.message} {...register("name", { required: "Enter your name." })} />
        <TextField label="Email" type="email" autoComplete="email" required error={errors.email?.message} {...register("email", { required: "Enter your email address." })} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint={newPasswordHint}
          error={errors.password?.message}
          {...register("password", newPasswordRules("Choose a password."))}
        >
          <PasswordStrength password={password} userInputs={[name, email]} />
        </TextField>
        <Button type="submit" busy={isSubmitting} className="button--block">
          {isSubmitting ? "Creating your account…" : "Create account"}
        </Button>
      </form>
    </AuthLayout>
  );
}

/** After signing up: where the link went, and a way to send it again. */
function CheckInbox({ email, next }: { email: string; next: string }) {
  const [resent, setResent] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <AuthLayout title="Check your inbox" intro={<>We sent a link to <strong>{email}</strong>. Open it to confirm your address, then sign in.</>}>
      <div className="stack">
        {resent && <FormAlert tone="success" title="A new link is on its way." />}
        <p className="muted">Nothing arrived after a few minutes? Look in your spam folder, or send the link again.</p>
        <Button
          variant="secondary"
          busy={busy}
          onClick={async () => {
            setBusy(true);
            await accounts.resendVerification(email).catch(() => undefined);
            setBusy(false);
            setResent(true);
          }}
        >
          Send the link again
        </Button>
        <Button asChild variant="quiet">
          <Link to={`/sign-in?email=${encodeURIComponent(email)}${next ? `&${next}` : ""}`}>Go to sign in</Link>
        </Button>
      </div>
    </AuthLayout>
  );
}

export { SignUp as Component };
