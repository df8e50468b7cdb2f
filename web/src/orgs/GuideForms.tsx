import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { applyProblem } from "../components/forms";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { organizations, type Client, type Project } from "./organizations";
import { SelectField } from "./SelectField";

interface ClientValues {
  name: string;
  email: string;
}

/** The guide's first step: who the work is for. */
export function ClientForm({ orgId, onAdded, otherAction }: { orgId: number; onAdded: (client: Client) => void; otherAction?: ReactNode }) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<ClientValues>({ defaultValues: { name: "", email: "" } });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      onAdded(await organizations.createClient(orgId, { name: values.name.trim(), email: values.email.trim() || null }));
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["name", "email"]));
    }
  });
  const { errors, isSubmitting } = formState;
  return (
    <form className="guide-form" onSubmit={onSubmit} noValidate aria-label="Add a client">
      <ProblemAlert problem={problem} />
      <div className="guide-form__fields">
        <TextField
          label="Client name"
          autoComplete="off"
          required
          error={errors.name?.message}
          {...register("name", { validate: (value) => value.trim() !== "" || "Enter the client's name." })}
        />
        <TextField
          label="Billing email (optional)"
          type="email"
          autoComplete="off"
          hint="Where their invoices go."
          error={errors.email?.message}
          {...register("email")}
        />
      </div>
      <div className="guide-form__actions">
        <Button type="submit" busy={isSubmitting}>
          {isSubmitting ? "Adding…" : "Add client"}
        </Button>
        {otherAction}
      </div>
    </form>
  );
}

interface ProjectValues {
  name: string;
  clientId: string;
  hourlyRate: string;
}

/** The guide's second step: what the work is on, for which client (if any), at which hourly rate (if any). */
export function ProjectForm({
  orgId,
  clients,
  autoFocus,
  onAdded,
}: {
  orgId: number;
  clients: readonly Client[];
  autoFocus: boolean;
  onAdded: (project: Project) => void;
}) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  // The newest client is most likely the one just added for this project.
  const newest = clients.reduce<Client | null>((latest, client) => (latest === null || client.createdAt > latest.createdAt ? client : latest), null);
  const { register, handleSubmit, setError, formState } = useForm<ProjectValues>({
    defaultValues: { name: "", clientId: newest ? String(newest.id) : "", hourlyRate: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      const rate = values.hourlyRate.trim();
      onAdded(
        await organizations.createProject(orgId, {
          name: values.name.trim(),
          clientId: values.clientId === "" ? null : Number(values.clientId),
          hourlyRate: rate === "" ? null : Number(rate),
        }),
      );
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["name", "clientId", "hourlyRate"]));
    }
  });
  const { errors, isSubmitting } = formState;
  return (
    <form className="guide-form" onSubmit={onSubmit} noValidate aria-label="Add a project">
      <ProblemAlert problem={problem} />
      <div className="guide-form__fields">
        <TextField
          label="Project name"
          autoComplete="off"
          required
          autoFocus={autoFocus}
          error={errors.name?.message}
          {...register("name", { validate: (value) => value.trim() !== "" || "Enter the project's name." })}
        />
        <SelectField label="Client" error={errors.clientId?.message} {...register("clientId")}>
          <option value="">No client</option>
          {clients.map((client) => (
            <option key={client.id} value={client.id}>
              {client.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Hourly rate (optional)"
          inputMode="decimal"
          autoComplete="off"
          hint="Billed for this project's time. Without one, each member's default rate applies."
          error={errors.hourlyRate?.message}
          {...register("hourlyRate", {
            validate: (value) => value.trim() === "" || (Number.isFinite(Number(value)) && Number(value) >= 0) || "Enter an amount such as 85 or 92.50.",
          })}
        />
      </div>
      <div className="guide-form__actions">
        <Button type="submit" busy={isSubmitting}>
          {isSubmitting ? "Adding…" : "Add project"}
        </Button>
      </div>
    </form>
  );
}
