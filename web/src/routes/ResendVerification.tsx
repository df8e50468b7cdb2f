import { useState } from "react";
import { useForm } from "react-hook-form";
import { accounts } from "../auth/accounts";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { TextField } from "../components/TextField";

/** Asks for a new verification link. The answer never says whether the address has an account, so neither does this. */
export function ResendVerification() {
  const [sent, setSent] = useState(false);
  const { register, handleSubmit, formState } = useForm<{ email: string }>({ defaultValues: { email: "" } });
  const onSubmit = handleSubmit(async ({ email }) => {
    await accounts.resendVerification(email).catch(() => undefined);
    setSent(true);
  });
  if (sent) return <FormAlert tone="success" title="If that address has an unverified account, a new link is on its way." />;
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <TextField label="Email" type="email" autoComplete="email" error={formState.errors.email?.message} {...register("email", { required: "Enter your email address." })} />
      <Button type="submit" variant="secondary" busy={formState.isSubmitting}>
        Send a new link
      </Button>
    </form>
  );
}
