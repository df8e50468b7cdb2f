import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { Link, useParams } from "react-router";
import { toProblem, type FormProblem } from "../api/problem";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { applyProblem } from "../components/forms";
import { ProblemAlert } from "../components/ProblemAlert";
import { TextField } from "../components/TextField";
import { LoadFailed } from "../orgs/LoadFailed";
import { RequireRole } from "../orgs/RequireRole";
import { useOrganization } from "../orgs/useOrganization";
import { addDays, dayOf } from "../timer/time";
import { useMe } from "../timer/queries";
import { invoices, type Invoice } from "./api";
import { date, period } from "./format";
import { InvoiceLines } from "./InvoiceLines";
import { useInvoice, useInvoiceChanged } from "./queries";
import { StatusBadge } from "./StatusBadge";
import { useToday } from "./useToday";
import "./invoices.css";

/** `/orgs/:orgId/invoices/:invoiceId`: one invoice, its lines, and what can happen to it next (admins and owners). */
export function InvoicePage() {
  return (
    <RequireRole role="admin" title="Invoice">
      <InvoiceScreen />
    </RequireRole>
  );
}

/** The invoice of the address, or why there is none; `render` shows it. Shared with the print view. */
export function LoadedInvoice({ render }: { render: (invoice: Invoice) => ReactNode }) {
  const orgId = useOrganization().id;
  const raw = useParams().invoiceId ?? "";
  const id = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : 0;
  const invoice = useInvoice(orgId, id);
  if (id === 0 || toProblem(invoice.error).status === 404) return <InvoiceNotFound orgId={orgId} />;
  if (invoice.isError) return <LoadFailed error={invoice.error} retry={() => void invoice.refetch()} />;
  if (invoice.data === undefined)
    return (
      <p className="loading" role="status">
        Loading the invoice…
      </p>
    );
  return render(invoice.data);
}

function InvoiceNotFound({ orgId }: { orgId: number }) {
  usePageTitle("Invoice not found");
  return (
    <section className="org-card" aria-labelledby="invoice-missing-title">
      <h1 id="invoice-missing-title">Invoice not found</h1>
      <p className="muted">This organization has no invoice at this address. The link may be mistyped, or belong to another organization.</p>
      <div>
        <Button asChild>
          <Link to={`/orgs/${orgId}/invoices`}>Go to invoices</Link>
        </Button>
      </div>
    </section>
  );
}

function InvoiceScreen() {
  return <LoadedInvoice render={(invoice) => <InvoiceDetails invoice={invoice} />} />;
}

type Confirming = "issue" | "void" | null;

function InvoiceDetails({ invoice }: { invoice: Invoice }) {
  usePageTitle(`Invoice ${invoice.number}`);
  const organization = useOrganization();
  const orgId = organization.id;
  const me = useMe();
  const timeZone = me.data?.timeZone ?? "UTC";
  const changed = useInvoiceChanged(orgId);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [notice, setNotice] = useState("");
  const actions = useRef<HTMLDivElement>(null);
  // When a confirmation closes, the focus goes back to the actions once they show the status it leaves the invoice in
  // (issuing replaces Issue with Mark paid; the cache may render the new status a moment after the panel closes), never
  // to a button about to disappear.
  const refocusAt = useRef<Invoice["status"] | null>(null);
  useEffect(() => {
    if (refocusAt.current !== invoice.status) return;
    refocusAt.current = null;
    actions.current?.querySelector<HTMLElement>("button, a")?.focus();
  });
  const close = (status: Invoice["status"] = invoice.status) => {
    refocusAt.current = status;
    setConfirming(null);
  };
  const moved = (moved: Invoice, now: string) => {
    changed(moved);
    setNotice(`${moved.number} is ${now}.`);
    close(moved.status);
  };
  const pay = useMutation({
    mutationFn: () => invoices.pay(orgId, invoice.id),
    onSuccess: (paid) => {
      changed(paid);
      setNotice(`${paid.number} is marked paid.`);
    },
  });
  const editable = !organization.readOnly;
  const entries = entryCount(invoice);

  return (
    <section className="page invoice" aria-labelledby="invoice-title">
      <p>
        <Link to={`/orgs/${orgId}/invoices`} className="invoice__back">
          <span aria-hidden="true">‹</span> Invoices
        </Link>
      </p>
      <div className="invoices-bar">
        <div className="invoice__heading">
          <h1 id="invoice-title">Invoice {invoice.number}</h1>
          <StatusBadge status={invoice.status} />
        </div>
        <div className="invoice__actions" ref={actions}>
          {editable && invoice.status === "draft" && (
            <Button onClick={() => setConfirming("issue")} aria-expanded={confirming === "issue"}>
              Issue…
            </Button>
          )}
          {editable && invoice.status === "issued" && (
            <Button busy={pay.isPending} onClick={() => pay.mutate()}>
              {pay.isPending ? "Marking paid…" : "Mark paid"}
            </Button>
          )}
          <Button variant="secondary" asChild>
            <Link to={`/orgs/${orgId}/invoices/${invoice.id}/print`}>Print view</Link>
          </Button>
          {editable && (invoice.status === "draft" || invoice.status === "issued") && (
            <Button variant="quiet" className="invoice-button--quiet-danger" onClick={() => setConfirming("void")} aria-expanded={confirming === "void"}>
              Void…
            </Button>
          )}
        </div>
      </div>

      {pay.isError && <ProblemAlert problem={toProblem(pay.error)} />}
      {confirming === "issue" && <IssueConfirmation invoice={invoice} entries={entries} onDone={(issued) => moved(issued, "issued")} onCancel={() => close()} />}
      {confirming === "void" && <VoidConfirmation invoice={invoice} entries={entries} onDone={(voided) => moved(voided, "void")} onCancel={() => close()} />}
      {notice !== "" && <FormAlert tone="success" title={notice} />}

      <dl className="invoice__facts">
        <div>
          <dt>Client</dt>
          <dd>
            {invoice.clientName}
            {invoice.clientEmail !== null && <span className="muted invoice__email">{invoice.clientEmail}</span>}
          </dd>
        </div>
        <div>
          <dt>Period</dt>
          <dd>{period(invoice.periodStart, invoice.periodEnd)}</dd>
        </div>
        <div>
          <dt>Issued</dt>
          <dd>{invoice.issuedOn === null ? "Not yet" : date(invoice.issuedOn)}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{invoice.dueOn === null ? "When issued" : date(invoice.dueOn)}</dd>
        </div>
        {invoice.paidAt !== null && (
          <div>
            <dt>Paid</dt>
            <dd>{date(dayOf(invoice.paidAt, timeZone))}</dd>
          </div>
        )}
        {invoice.voidedAt !== null && (
          <div>
            <dt>Voided</dt>
            <dd>{date(dayOf(invoice.voidedAt, timeZone))}</dd>
          </div>
        )}
      </dl>

      <InvoiceLines invoice={invoice} />
      <p className="muted">
        {invoice.status === "void"
          ? "Void: its time entries were unlocked, and can be changed and billed again. It keeps its number."
          : `It holds ${entries.text}, locked while it stands: ${entries.one ? "it" : "they"} cannot be changed or deleted unless the invoice is voided.`}
      </p>
    </section>
  );
}

/** "Its 1 time entry stays" or "its 4 time entries stay": the count and the verb agree. */
function entryCount(invoice: Invoice) {
  const one = invoice.entryCount === 1;
  return { text: one ? "1 time entry" : `${invoice.entryCount} time entries`, one };
}

type Entries = ReturnType<typeof entryCount>;

interface IssueValues {
  issuedOn: string;
  dueOn: string;
}

/** Issuing, confirmed: the dates it will carry (today and 30 days later unless changed), and what issuing means. */
function IssueConfirmation({ invoice, entries, onDone, onCancel }: { invoice: Invoice; entries: Entries; onDone: (invoice: Invoice) => void; onCancel: () => void }) {
  const orgId = useOrganization().id;
  const today = useToday();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<IssueValues>({ defaultValues: { issuedOn: today, dueOn: addDays(today, 30) } });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    try {
      onDone(await invoices.issue(orgId, invoice.id, { issuedOn: values.issuedOn || null, dueOn: values.dueOn || null }));
    } catch (error) {
      setProblem(applyProblem(toProblem(error), setError, ["issuedOn", "dueOn"]));
    }
  });
  const { errors, isSubmitting } = formState;
  return (
    <form className="invoice-panel invoice-panel--confirm" onSubmit={onSubmit} noValidate aria-labelledby="issue-title" aria-describedby="issue-what">
      <h2 id="issue-title" className="invoice-panel__title">
        Issue {invoice.number}?
      </h2>
      <p id="issue-what">
        Issuing sends it on its way: it can then only be marked paid or voided, never edited. Its {entries.text} {entries.one ? "stays" : "stay"} locked.
      </p>
      <div className="invoice-panel__fields">
        <TextField label="Issue date" type="date" autoFocus error={errors.issuedOn?.message} {...register("issuedOn")} />
        <TextField label="Due date" type="date" error={errors.dueOn?.message} {...register("dueOn")} />
      </div>
      <ProblemAlert problem={problem} />
      <div className="invoice-panel__actions">
        <Button type="submit" busy={isSubmitting}>
          {isSubmitting ? "Issuing…" : `Issue ${invoice.number}`}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Voiding, confirmed: it cannot be undone, and the entries come free to be billed again. */
function VoidConfirmation({ invoice, entries, onDone, onCancel }: { invoice: Invoice; entries: Entries; onDone: (invoice: Invoice) => void; onCancel: () => void }) {
  const orgId = useOrganization().id;
  const voiding = useMutation({ mutationFn: () => invoices.void(orgId, invoice.id), onSuccess: onDone });
  return (
    <div className="invoice-panel invoice-panel--confirm invoice-panel--danger" role="group" aria-labelledby="void-title" aria-describedby="void-what">
      <h2 id="void-title" className="invoice-panel__title">
        Void {invoice.number}?
      </h2>
      <p id="void-what">
        A void invoice stays in the list with its number, which is never reused. Its {entries.text} {entries.one ? "is" : "are"} unlocked, so{" "}
        {entries.one ? "it" : "they"} can be changed and billed on another invoice. This cannot be undone.
      </p>
      {voiding.isError && <ProblemAlert problem={toProblem(voiding.error)} />}
      <div className="invoice-panel__actions">
        <Button className="invoice-button--danger" autoFocus busy={voiding.isPending} onClick={() => voiding.mutate()}>
          {voiding.isPending ? "Voiding…" : `Void ${invoice.number}`}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Keep it
        </Button>
      </div>
    </div>
  );
}

export { InvoicePage as Component };
