import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { applyProblem } from "../components/forms";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { clientsQuery } from "../orgs/organizations";
import { SelectField } from "../orgs/SelectField";
import { invoices, type Invoice } from "./api";
import { lastMonthOf, monthOf, period, type DayRange } from "./format";

type Preset = "last-month" | "this-month" | "custom";

interface DraftValues {
  clientId: string;
  preset: Preset;
  from: string;
  to: string;
  currency: string;
}

/**
 * Drafts an invoice from a client's unbilled time in a range of days (last month, this month, or any). The server decides
 * what it bills; when there is nothing (422), its answer shows right above the button, next to the choices that caused it.
 */
export function DraftInvoice({ orgId, today, onDrafted, onCancel }: { orgId: number; today: string; onDrafted: (invoice: Invoice) => void; onCancel: () => void }) {
  const clients = useQuery(clientsQuery(orgId));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const lastMonth = lastMonthOf(today);
  const thisMonth = monthOf(today);
  const { register, handleSubmit, setError, watch, formState } = useForm<DraftValues>({
    defaultValues: { clientId: "", preset: "last-month", from: lastMonth.from, to: lastMonth.to, currency: "USD" },
  });
  const preset = watch("preset");
  const range = (values: DraftValues): DayRange =>
    values.preset === "last-month" ? lastMonth : values.preset === "this-month" ? thisMonth : { from: values.from, to: values.to };

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const { from, to } = range(values);
      onDrafted(await invoices.create(orgId, { clientId: Number(values.clientId), from, to, currency: values.currency.trim() || null }));
    } catch (error) {
      const shown = values.preset === "custom" ? (["clientId", "from", "to", "currency"] as const) : (["clientId", "currency"] as const);
      setProblem(applyProblem(toProblem(error), setError, shown));
    }
  });
  const { errors, isSubmitting } = formState;

  if (clients.isError) return <ProblemAlert problem={toProblem(clients.error)} />;
  if (clients.data === undefined)
    return (
      <p className="loading" role="status">
        Loading clients…
      </p>
    );
  if (clients.data.items.length === 0)
    return (
      <div className="invoice-panel">
        <h2 className="invoice-panel__title">Draft an invoice</h2>
        <p className="muted">An invoice bills a client&apos;s time, and this organization has no clients yet.</p>
        <div className="invoice-panel__actions">
          <Button asChild>
            <Link to={`/orgs/${orgId}/catalogue`}>Add a client</Link>
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
    );

  return (
    <form className="invoice-panel" onSubmit={onSubmit} noValidate aria-labelledby="draft-title">
      <h2 id="draft-title" className="invoice-panel__title">
        Draft an invoice
      </h2>
      <p className="muted">
        It bills the client&apos;s billable time in those days that is not on an invoice yet, one line per project and rate, and locks that
        time until the invoice is voided.
      </p>
      <div className="invoice-panel__fields">
        <SelectField
          label="Client"
          required
          autoFocus
          error={errors.clientId?.message}
          {...register("clientId", { validate: (value) => value !== "" || "Choose the client to bill." })}
        >
          <option value="">Choose a client…</option>
          {clients.data.items.map((client) => (
            <option key={client.id} value={client.id}>
              {client.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Currency"
          autoComplete="off"
          maxLength={3}
          hint="Three letters, such as EUR. A label only: rates are not converted."
          error={errors.currency?.message}
          {...register("currency")}
        />
      </div>
      <fieldset className="invoice-period">
        <legend className="field__label">Period</legend>
        <label className="invoice-period__choice">
          <input type="radio" value="last-month" {...register("preset")} /> Last month <span className="muted">({period(lastMonth.from, lastMonth.to)})</span>
        </label>
        <label className="invoice-period__choice">
          <input type="radio" value="this-month" {...register("preset")} /> This month <span className="muted">({period(thisMonth.from, thisMonth.to)})</span>
        </label>
        <label className="invoice-period__choice">
          <input type="radio" value="custom" {...register("preset")} /> Other days
        </label>
        {preset === "custom" && (
          <div className="invoice-panel__fields">
            <TextField
              label="From"
              type="date"
              required
              error={errors.from?.message}
              {...register("from", { validate: (value) => value !== "" || "Choose the first day to bill." })}
            />
            <TextField
              label="To"
              type="date"
              required
              hint="Both days included."
              error={errors.to?.message}
              {...register("to", { validate: (value, values) => value === "" ? "Choose the last day to bill." : value >= values.from || "The last day must not be before the first." })}
            />
          </div>
        )}
      </fieldset>
      <ProblemAlert problem={problem} />
      <div className="invoice-panel__actions">
        <Button type="submit" busy={isSubmitting}>
          {isSubmitting ? "Drafting…" : "Create draft"}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
