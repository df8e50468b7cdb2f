import { useEffect, useState } from "react";
import { loadEstimator, type Strength } from "./strength";

/** The server refuses shorter passwords (PasswordPolicy.MinimumLength). */
export const MinimumPasswordLength = 12;

/** The hint under every field that chooses a new password. */
export const newPasswordHint = `At least ${MinimumPasswordLength} characters. A few unrelated words make a strong password that is easy to remember.`;

/** The react-hook-form rules of the field that repeats the new password (a form with a `newPassword` field). */
export function confirmPasswordRules() {
  return {
    required: "Type the new password again.",
    validate: (value: string, values: { newPassword: string }) => value === values.newPassword || "The two passwords differ.",
  };
}

/** The react-hook-form rules of a field that chooses a new password: required (saying `requiredMessage`) and long enough. */
export function newPasswordRules(requiredMessage: string) {
  return {
    required: requiredMessage,
    validate: (value: string) => [...value].length >= MinimumPasswordLength || `Use at least ${MinimumPasswordLength} characters.`,
  };
}

/** The server's default minimum score (Accounts:MinimumPasswordScore). */
export const MinimumPasswordScore = 3;

const labels = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;

/**
 * A meter of how hard the password is to guess, estimated in the browser as the server estimates it, so the person
 * learns before sending that it would be refused. Read by screen readers as a meter with a text value.
 */
export function PasswordStrength({ password, userInputs = [] }: { password: string; userInputs?: string[] }) {
  const [strength, setStrength] = useState<Strength | null>(null);
  const inputs = userInputs.join("\u0000");

  useEffect(() => {
    let current = true;
    if (password === "") {
      setStrength(null);
      return;
    }
    void loadEstimator().then((estimate) => {
      if (current) setStrength(estimate(password, inputs.split("\u0000").filter(Boolean)));
    });
    return () => {
      current = false;
    };
  }, [password, inputs]);

  const tooShort = password.length > 0 && [...password].length < MinimumPasswordLength;
  const score = strength?.score ?? 0;
  const label = password === "" ? "Not entered yet" : tooShort ? `Too short (${[...password].length} of ${MinimumPasswordLength} characters)` : labels[score];
  const good = !tooShort && strength !== null && score >= MinimumPasswordScore;
  return (
    <div className="strength" data-score={password === "" ? "none" : tooShort ? 0 : score}>
      <div
        className="strength__bar"
        role="meter"
        aria-label="Password strength"
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={tooShort ? 0 : score}
        aria-valuetext={label}
      >
        {[0, 1, 2, 3].map((segment) => (
          <span key={segment} className={password !== "" && !tooShort && score > segment ? "strength__segment strength__segment--on" : "strength__segment"} />
        ))}
      </div>
      {password !== "" && (
        <p className="strength__text">
          <span className={good ? "strength__label strength__label--good" : "strength__label"}>{label}</span>
          {!tooShort && strength?.warning ? ` · ${strength.warning}` : null}
        </p>
      )}
    </div>
  );
}
