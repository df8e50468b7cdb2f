import { useLayoutEffect } from "react";
import { Link } from "react-router";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { RequireRole } from "../orgs/RequireRole";
import { useOrganization } from "../orgs/useOrganization";
import type { Invoice } from "./api";
import { date, period, statusLabels } from "./format";
import { InvoiceLines } from "./InvoiceLines";
import { LoadedInvoice } from "./InvoicePage";
import "./invoices.css";
import "./print.css";

/**
 * `/orgs/:orgId/invoices/:invoiceId/print`: the invoice as a page of paper. The browser prints it to A4 or Letter
 * (the paper size is the print dialog's choice); while this page is open, the body carries `invoice-printing`, and
 * print.css leaves everything but the paper out of the print: the app's header, timer bar and navigation, and the
 * toolbar with the Print button.
 */
export function InvoicePrint() {
  return (
    <RequireRole role="admin" title="Invoice">
      <LoadedInvoice render={(invoice) => <PrintableInvoice invoice={invoice} />} />
    </RequireRole>
  );
}

function PrintableInvoice({ invoice }: { invoice: Invoice }) {
  usePageTitle(`Invoice ${invoice.number} (print)`);
  const organization = useOrganization();
  // Set and removed with the page's commit, so no frame of another page ever carries it.
  useLayoutEffect(() => {
    document.body.classList.add("invoice-printing");
    return () => document.body.classList.remove("invoice-printing");
  }, []);
  const unfinished = invoice.status === "draft" || invoice.status === "void";

  return (
    <div className="invoice-print">
      <div className="invoice-print__toolbar">
        <Link to={`/orgs/${organization.id}/invoices/${invoice.id}`} className="invoice-print__back">
          <span aria-hidden="true">‹</span> Back to {invoice.number}
        </Link>
        <Button onClick={() => window.print()}>Print</Button>
        <p className="muted invoice-print__hint">Choose A4 or Letter in the print dialog; “Save as PDF” makes a file to send.</p>
      </div>
      <article className="invoice-paper" aria-labelledby="paper-title">
        <header className="invoice-paper__head">
          <div>
            <p className="invoice-paper__from">{organization.name}</p>
          </div>
          <div className="invoice-paper__title-block">
            <h1 id="paper-title" className="invoice-paper__title">
              Invoice
            </h1>
            <p className="invoice-paper__number">{invoice.number}</p>
            {unfinished && <p className="invoice-paper__mark">{statusLabels[invoice.status]}</p>}
          </div>
        </header>

        <div className="invoice-paper__parties">
          <section aria-labelledby="bill-to">
            <h2 id="bill-to" className="invoice-paper__label">
              Bill to
            </h2>
            <p className="invoice-paper__client">{invoice.clientName}</p>
            {invoice.clientEmail !== null && <p>{invoice.clientEmail}</p>}
          </section>
          <dl className="invoice-paper__dates">
            <div>
              <dt>Invoice number</dt>
              <dd>{invoice.number}</dd>
            </div>
            <div>
              <dt>Issue date</dt>
              <dd>{invoice.issuedOn === null ? "Not issued" : date(invoice.issuedOn)}</dd>
            </div>
            <div>
              <dt>Due date</dt>
              <dd>{invoice.dueOn === null ? "—" : date(invoice.dueOn)}</dd>
            </div>
            <div>
              <dt>Period</dt>
              <dd>{period(invoice.periodStart, invoice.periodEnd)}</dd>
            </div>
          </dl>
        </div>

        <InvoiceLines invoice={invoice} />
        <p className="invoice-paper__foot">
          Amounts in {invoice.currency}. Hours are billed to the hundredth of an hour.
          {invoice.status === "paid" && " Paid: thank you."}
        </p>
      </article>
    </div>
  );
}

export { InvoicePrint as Component };
