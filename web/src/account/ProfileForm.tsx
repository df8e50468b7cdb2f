import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { applyProblem } from "../components/forms";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { account, meKey, type Me, type MePatch } from "./api";
import { browserTimeZone } from "./timeZones";
import { TimeZoneField } from "./TimeZoneField";

interface ProfileValues {
  name: string;
  timeZone: string;
  defaultHourlyRate: string;
}

/** Rates as the server takes them: 0 to 99999999.99, at most two decimals (a comma is read as the decimal point). */
const ratePattern = /^\d{1,8}([.,]\d{1,2})?$/;

function formatRate(rate: number | null): string {
  if (rate === null) return "";
  return Number.isInteger(rate) ? String(rate) : rate.toFixed(2);
}

function parseRate(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : Number(trimmed.replace(",", "."));
}

/**
 * The zone to show. Every account starts with UTC, so UTC in a browser elsewhere most likely was never chosen: the
 * browser's zone is offered instead (and said so), and the next save keeps it.
 */
function suggestedZone(me: Me): { zone: string; suggested: boolean } {
  const browser = browserTimeZone();
  if (me.timeZone === "UTC" && browser !== null && browser !== "UTC" && browser !== "Etc/UTC") return { zone: browser, suggested: true };
  return { zone: me.timeZone, suggested: false };
}

function valuesOf(me: Me, timeZone: string = me.timeZone): ProfileValues {
  return { name: me.name, timeZone, defaultHourlyRate: formatRate(me.defaultHourlyRate) };
}

/** Only what differs from the stored profile: PATCH writes only the fields it names. */
function changesOf(me: Me, values: ProfileValues): MePatch {
  const patch: MePatch = {};
  if (values.name.trim() !== me.name) patch.name = values.name.trim();
  if (values.timeZone !== me.timeZone) patch.timeZone = values.timeZone;
  const rate = parseRate(values.defaultHourlyRate);
  if (rate !== me.defaultHourlyRate) patch.defaultHourlyRate = rate;
  return patch;
}

/** Name, time zone and default hourly rate. */
export function ProfileForm({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState("");
  // Offered once, when the page opens: after a save the form shows what is stored, UTC included if chosen.
  const [suggestion] = useState(() => suggestedZone(me));
  const { register, control, handleSubmit, setError, reset, formState } = useForm<ProfileValues>({ defaultValues: valuesOf(me, suggestion.zone) });
  const [suggesting, setSuggesting] = useState(suggestion.suggested);

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setSaved("");
    const patch = changesOf(me, values);
    if (Object.keys(patch).length === 0) {
      setSaved("Nothing to save: your profile is as it was.");
      return;
    }
    try {
      const updated = await account.updateMe(patch);
      queryClient.setQueryData(meKey, updated);
      reset(valuesOf(updated));
      setSuggesting(false);
      setSaved("Your profile is saved.");
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["name", "timeZone", "defaultHourlyRate"]));
    }
  });

  const { errors, isSubmitting } = formState;
  return (
    <form className="stack" onSubmit={onSubmit} onChange={() => setSaved("")} noValidate aria-labelledby="profile-title">
      <ProblemAlert problem={problem} />
      <TextField
        label="Name"
        autoComplete="name"
        required
        error={errors.name?.message}
        {...register("name", {
          validate: (value) => (value.trim() === "" ? "Enter your name." : value.trim().length > 255 ? "Use at most 255 characters." : true),
        })}
      />
      <Controller
        control={control}
        name="timeZone"
        rules={{ required: "Choose your time zone." }}
        render={({ field, fieldState }) => (
          <TimeZoneField
            label="Time zone"
            name={field.name}
            value={field.value}
            onChange={(zone) => {
              field.onChange(zone);
              setSaved("");
            }}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={fieldState.error?.message}
            hint={
              suggesting && field.value === suggestion.zone
                ? `Your account still has UTC, the zone every account starts with. ${suggestion.zone} is this browser's zone: save to use it.`
                : "Days in your reports, time lists and invoices begin and end at midnight in this zone."
            }
          />
        )}
      />
      <TextField
        label="Default hourly rate"
        inputMode="decimal"
        autoComplete="off"
        placeholder="None"
        hint="Bills your time on projects that have no rate of their own, in every organization. It has no currency: each invoice names its own (USD unless chosen). Leave it empty for none."
        error={errors.defaultHourlyRate?.message}
        {...register("defaultHourlyRate", {
          validate: (value) => value.trim() === "" || ratePattern.test(value.trim()) || "Enter an amount such as 85 or 85.50: at most two decimals, below 100,000,000.",
        })}
      />
      <div className="account-actions">
        <Button type="submit" busy={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save profile"}
        </Button>
        <p className="account-saved" role="status">
          {saved}
        </p>
      </div>
    </form>
  );
}
