import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { confirmPasswordRules, newPasswordHint, newPasswordRules, PasswordStrength } from "../components/PasswordStrength";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { account, type Me } from "./api";
import { placeProblem } from "./placeProblem";
import { continueSignedOut } from "./signedOut";

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The current password, the new one twice with the strength meter. The server then ends every session, this one too. */
export function PasswordForm({ me }: { me: Me }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, watch, formState } = useForm<PasswordValues>({
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const newPassword = watch("newPassword");

  const onSubmit = handleSubmit(async ({ currentPassword, newPassword: chosen }) => {
    setProblem(null);
    try {
      await account.changePassword({ currentPassword, newPassword: chosen });
    } catch (error) {
      setProblem(placeProblem(toProblem(error), setError, ["currentPassword", "newPassword"], { "Wrong password": "currentPassword" }));
      return;
    }
    await continueSignedOut(navigate, queryClient, "Your password is changed, and every device was signed out. Sign in with the new password.", me.email);
  });

  const { errors, isSubmitting } = formState;
  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby="password-title">
      <ProblemAlert problem={problem} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={me.email} readOnly hidden />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword?.message}
        {...register("currentPassword", { required: "Enter your current password." })}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint={newPasswordHint}
        error={errors.newPassword?.message}
        {...register("newPassword", newPasswordRules("Choose a new password."))}
      >
        <PasswordStrength password={newPassword} userInputs={[me.email, me.name]} />
      </TextField>
      <TextField
        label="New password, again"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword?.message}
        {...register("confirmPassword", confirmPasswordRules())}
      />
      <p className="muted account-note">Changing it signs you out everywhere, here too: sign in again with the new password.</p>
      <div className="account-actions">
        <Button type="submit" busy={isSubmitting}>
          {isSubmitting ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}
