import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { toProblem, type FormProblem } from "../api/problem";
import { Button } from "../components/Button";
import { applyProblem } from "../components/forms";
import { FormAlert } from "../components/FormAlert";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { formatDay } from "../members/dates";
import { organizationsQuery, type Organization } from "../orgs/organizations";
import { SelectField } from "../orgs/SelectField";
import type { Me } from "./api";
import { apiTokens, apiTokensKey, scopes, widestScope, type ApiScope, type ApiToken, type CreatedApiToken } from "./apiTokens";
import "./apiTokens.css";
import { useAskFirst } from "./useAskFirst";

const DayMs = 24 * 60 * 60 * 1000;

/** The expiries offered, in days from now; 0 is never. */
const expiries = [
  { days: 30, label: "In 30 days" },
  { days: 90, label: "In 90 days" },
  { days: 365, label: "In a year" },
  { days: 0, label: "Never" },
] as const;

interface TokenValues {
  name: string;
  organizationId: string;
  scope: ApiScope;
  expiresInDays: string;
}

/** Personal API tokens: make one (shown once), see them, revoke them. */
export function ApiTokens({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: apiTokensKey, queryFn: apiTokens.list });
  const orgs = useQuery(organizationsQuery);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: apiTokensKey });

  return (
    <div className="stack api-tokens">
      {created ? (
        <NewSecret
          token={created}
          onDone={() => {
            setCreated(null);
            setAnnouncement("");
          }}
        />
      ) : (
        <CreateToken
          organizations={orgs.data}
          loadProblem={orgs.isError ? toProblem(orgs.error) : null}
          onCreated={(token) => {
            setCreated(token);
            void refresh();
          }}
        />
      )}
      <h3 className="account-step__title">Your tokens</h3>
      {tokens.isPending && (
        <p className="loading" role="status">
          Loading your tokens…
        </p>
      )}
      {tokens.isError && <ProblemAlert problem={toProblem(tokens.error)} />}
      {tokens.data && tokens.data.length === 0 && (
        <div className="empty">
          <p className="empty__title">No tokens yet</p>
          <p className="muted">A token lets a script or another app use TimeTracker as you, in one organization.</p>
        </div>
      )}
      {tokens.data && tokens.data.length > 0 && (
        <ul className="api-token-list" aria-label="Your API tokens">
          {tokens.data.map((token) => (
            <TokenRow
              key={token.id}
              token={token}
              timeZone={me.timeZone}
              onRevoked={() => {
                setAnnouncement(`The token “${token.name}” is revoked: scripts using it are refused from now on.`);
                void refresh();
              }}
            />
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}

function CreateToken({
  organizations,
  loadProblem,
  onCreated,
}: {
  organizations: Organization[] | undefined;
  loadProblem: FormProblem | null;
  onCreated: (token: CreatedApiToken) => void;
}) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, watch, setValue, formState } = useForm<TokenValues>({
    defaultValues: { name: "", organizationId: "", scope: "read", expiresInDays: "90" },
  });
  const first = organizations?.[0];
  useEffect(() => {
    if (first) setValue("organizationId", String(first.id));
  }, [first, setValue]);
  const organization = organizations?.find((o) => String(o.id) === watch("organizationId"));
  const widest = widestScope(organization?.role ?? "member");
  const scope = watch("scope");
  useEffect(() => {
    // A scope the chosen organization's role does not allow falls back to the widest it does.
    if (scopes.findIndex((s) => s.value === scope) > scopes.findIndex((s) => s.value === widest)) setValue("scope", widest);
  }, [scope, widest, setValue]);

  if (loadProblem) return <ProblemAlert problem={loadProblem} />;
  if (organizations === undefined)
    return (
      <p className="loading" role="status">
        Loading your organizations…
      </p>
    );
  if (organizations.length === 0)
    return <p className="muted">A token works in one of your organizations. Create or join an organization first.</p>;

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    const days = Number(values.expiresInDays);
    try {
      onCreated(
        await apiTokens.create({
          name: values.name.trim(),
          organizationId: Number(values.organizationId),
          scope: values.scope,
          expiresAt: days > 0 ? new Date(Date.now() + days * DayMs).toISOString() : null,
        }),
      );
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["name", "organizationId", "scope"]));
    }
  });

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby="new-token-title">
      <h3 id="new-token-title" className="account-step__title">
        New token
      </h3>
      <ProblemAlert problem={problem} />
      <TextField
        label="Name"
        hint="What it is for, to recognise it later: “Invoicing script”, “CI”."
        autoComplete="off"
        maxLength={100}
        error={formState.errors.name?.message}
        {...register("name", { required: "Give the token a name.", validate: (v) => v.trim() !== "" || "Give the token a name." })}
      />
      <SelectField label="Organization" hint="A token works in this organization only." error={formState.errors.organizationId?.message} {...register("organizationId")}>
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({o.role})
          </option>
        ))}
      </SelectField>
      <fieldset className="api-token-scopes" aria-describedby="token-scope-hint">
        <legend className="field__label">Scope</legend>
        <p id="token-scope-hint" className="field__hint">
          {widest === "admin" ? "What the token may do, as you." : "What the token may do, as you. As a member, you may give it read or write."}
        </p>
        {scopes
          .filter((s) => scopes.indexOf(s) <= scopes.findIndex((w) => w.value === widest))
          .map((s) => (
            <label key={s.value} className="api-token-scope">
              <input type="radio" value={s.value} {...register("scope")} />
              <span>
                <span className="api-token-scope__label">{s.label}</span>
                <span className="api-token-scope__description muted">{s.description}</span>
              </span>
            </label>
          ))}
        {formState.errors.scope?.message && <p className="field__error">{formState.errors.scope.message}</p>}
      </fieldset>
      <SelectField label="Expires" {...register("expiresInDays")}>
        {expiries.map((e) => (
          <option key={e.days} value={e.days}>
            {e.label}
          </option>
        ))}
      </SelectField>
      <div className="account-actions">
        <Button type="submit" busy={formState.isSubmitting}>
          {formState.isSubmitting ? "Creating…" : "Create token"}
        </Button>
      </div>
    </form>
  );
}

/** The secret, this once: the server keeps only its hash. */
function NewSecret({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const [copied, setCopied] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.secret);
      setCopied("Copied. Paste it where your script keeps its secrets.");
    } catch {
      setCopied("This browser did not let us copy: select the token and copy it yourself.");
    }
  };
  return (
    <div className="stack" role="region" aria-labelledby="new-secret-title">
      <h3 id="new-secret-title" className="account-step__title" tabIndex={-1} ref={heading}>
        Your new token “{token.name}”
      </h3>
      <FormAlert tone="info" title="Copy it now: it is shown only this once.">
        <p>
          Anyone with it can act as you in {token.organizationName} with the scope {token.scope}. Keep it in a secret store, never in code you share. Send it as{" "}
          <code>Authorization: Bearer …</code>.
        </p>
      </FormAlert>
      <TextField label="Token" readOnly value={token.secret} className="field__input api-token-secret" onFocus={(event) => event.currentTarget.select()} />
      <div className="account-actions">
        <Button variant="secondary" onClick={copy}>
          Copy token
        </Button>
        <p className="account-saved" role="status">
          {copied}
        </p>
      </div>
      <div className="account-actions">
        <Button onClick={onDone}>I have saved it</Button>
      </div>
    </div>
  );
}

function TokenRow({ token, timeZone, onRevoked }: { token: ApiToken; timeZone: string; onRevoked: () => void }) {
  const { asking, question, opener, ask, cancel } = useAskFirst();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() <= Date.now();
  const titleId = `api-token-${token.id}`;

  const revoke = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await apiTokens.revoke(token.id);
      onRevoked();
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  return (
    <li className="api-token" aria-labelledby={titleId}>
      <div className="api-token__head">
        <p id={titleId} className="api-token__name">
          {token.name}
        </p>
        <span className="badge">{token.scope}</span>
        {expired && <span className="badge badge--warning">Expired</span>}
      </div>
      <dl className="api-token__facts">
        <div>
          <dt>Organization</dt>
          <dd>{token.organizationName}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDay(token.createdAt, timeZone)}</dd>
        </div>
        <div>
          <dt>Last used</dt>
          <dd>{token.lastUsedAt ? formatDay(token.lastUsedAt, timeZone) : "Never"}</dd>
        </div>
        <div>
          <dt>{expired ? "Expired" : "Expires"}</dt>
          <dd>{token.expiresAt ? formatDay(token.expiresAt, timeZone) : "Never"}</dd>
        </div>
      </dl>
      {asking ? (
        <div className="stack account-confirm" role="group" aria-labelledby={`${titleId}-question`}>
          <ProblemAlert problem={problem} />
          <p id={`${titleId}-question`} className="account-confirm__question" tabIndex={-1} ref={question}>
            Revoke “{token.name}”? Scripts using it are refused from their next request. This cannot be undone.
          </p>
          <div className="account-actions">
            <Button className="button--danger" busy={busy} onClick={revoke}>
              {busy ? "Revoking…" : "Yes, revoke"}
            </Button>
            <Button variant="quiet" onClick={cancel}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <div className="account-actions">
          <Button
            variant="secondary"
            className="button--danger"
            ref={opener}
            aria-label={`Revoke ${token.name}…`}
            onClick={ask}
          >
            Revoke…
          </Button>
        </div>
      )}
    </li>
  );
}
