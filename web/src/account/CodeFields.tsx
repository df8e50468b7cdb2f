import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { TextField } from "../components/TextField";

/** What the 2FA steps ask for: the password, and (but when setting up) a current code from the app. */
export interface PasswordAndCodeValues {
  password: string;
  code: string;
}

/** The 6-digit code, spaces allowed ("123 456" as some apps show it). */
export function cleanCode(code: string): string {
  return code.replace(/\s/g, "");
}

export function PasswordInput({ register, errors }: { register: UseFormRegister<PasswordAndCodeValues>; errors: FieldErrors<PasswordAndCodeValues> }) {
  return (
    <TextField
      label="Password"
      type="password"
      autoComplete="current-password"
      required
      error={errors.password?.message}
      {...register("password", { required: "Enter your password." })}
    />
  );
}

export function CodeInput({ register, errors, hint }: { register: UseFormRegister<PasswordAndCodeValues>; errors: FieldErrors<PasswordAndCodeValues>; hint?: string }) {
  return (
    <TextField
      label="Code from your app"
      inputMode="numeric"
      autoComplete="one-time-code"
      required
      hint={hint}
      error={errors.code?.message}
      {...register("code", { required: "Enter the 6-digit code from your app.", pattern: { value: /^\s*(\d\s*){6}$/, message: "The code has 6 digits." } })}
    />
  );
}
