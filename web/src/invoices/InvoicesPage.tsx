import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { LoadFailed } from "../orgs/LoadFailed";
import { RequireRole } from "../orgs/RequireRole";
import { useOrganization } from "../orgs/useOrganization";
import { isStatus, statuses, type Invoice, type InvoiceStatus } from "./api";
import { DraftInvoice } from "./DraftInvoice";
import { date, money, period, statusLabels } from "./format";
import { useInvoiceChanged, useInvoiceList } from "./queries";
import { StatusBadge } from "./StatusBadge";
import { useToday } from "./useToday";
import "./invoices.css";

/** `/orgs/:orgId/invoices`: the organization's invoices, newest first, by status; and drafting a new one (admins and owners). */
export function InvoicesPage() {
  return (
    <RequireRole role="admin" title="Invoices">
      <Invoices />
    </RequireRole>
  );
}

function Invoices() {
  usePageTitle("Invoices");
  const organization = useOrganization();
  const orgId = organization.id;
  const [params] = useSearchParams();
  const asked = params.get("status");
  const status = isStatus(asked) ? asked : null;
  const list = useInvoiceList(orgId, status);
  const [drafting, setDrafting] = useState(false);
  const navigate = useNavigate();
  const changed = useInvoiceChanged(orgId);
  const today = useToday();
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const canDraft = !organization.readOnly;

  return (
    <section className="page" aria-labelledby="invoices-title">
      <div className="invoices-bar">
        <h1 id="invoices-title">Invoices</h1>
        {canDraft && (
          <Button aria-expanded={drafting} aria-controls={drafting ? "draft-invoice" : undefined} onClick={() => setDrafting(!drafting)}>
            Draft an invoice
          </Button>
        )}
      </div>

      {drafting && (
        <div id="draft-invoice">
          <DraftInvoice
            orgId={orgId}
            today={today}
            onCancel={() => setDrafting(false)}
            onDrafted={(invoice) => {
              changed(invoice);
              navigate(`/orgs/${orgId}/invoices/${invoice.id}`);
            }}
          />
        </div>
      )}

      <nav className="invoice-filter" aria-label="Invoices by status">
        <StatusLink status={null} current={status} />
        {statuses.map((option) => (
          <StatusLink key={option} status={option} current={status} />
        ))}
      </nav>

      {list.isPending ? (
        <p className="loading" role="status">
          Loading invoices…
        </p>
      ) : rows.length === 0 ? (
        list.isError ? (
          <LoadFailed error={list.error} retry={() => void list.refetch()} />
        ) : (
          <Empty status={status} canDraft={canDraft && !drafting} onDraft={() => setDrafting(true)} />
        )
      ) : (
        <>
          <InvoiceTable orgId={orgId} rows={rows} />
          {/* A page after the first that failed keeps the rows already shown. */}
          {list.isError && <LoadFailed error={list.error} retry={() => void list.fetchNextPage()} />}
          {list.hasNextPage && !list.isError && (
            <div>
              <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? "Loading…" : "Show more invoices"}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** A filter is a link: it lives in the address, so Back and a bookmark keep it. */
function StatusLink({ status, current }: { status: InvoiceStatus | null; current: InvoiceStatus | null }) {
  return (
    <Link className="invoice-filter__link" to={status === null ? { search: "" } : { search: `?status=${status}` }} aria-current={status === current ? "page" : undefined}>
      {status === null ? "All" : statusLabels[status]}
    </Link>
  );
}

function Empty({ status, canDraft, onDraft }: { status: InvoiceStatus | null; canDraft: boolean; onDraft: () => void }) {
  if (status !== null)
    return (
      <div className="empty">
        <p className="empty__title">No {statusLabels[status].toLowerCase()} invoices</p>
        <p>
          <Link to={{ search: "" }}>Show all invoices</Link>
        </p>
      </div>
    );
  return (
    <div className="empty">
      <p className="empty__title">No invoices yet</p>
      <p className="muted">Draft one from a client&apos;s unbilled time: choose the client and the days it covers, then review its lines.</p>
      {canDraft && (
        <div>
          <Button variant="secondary" onClick={onDraft}>
            Draft an invoice
          </Button>
        </div>
      )}
    </div>
  );
}

/** The list as a table; on a phone each row becomes a card whose cells say what they are. */
function InvoiceTable({ orgId, rows }: { orgId: number; rows: Invoice[] }) {
  return (
    <table className="invoice-table">
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Client</th>
          <th scope="col">Period</th>
          <th scope="col">Status</th>
          <th scope="col" className="numeric">
            Total
          </th>
          <th scope="col">Issued</th>
          <th scope="col">Due</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((invoice) => (
          <tr key={invoice.id}>
            <th scope="row" data-label="Number" className="invoice-table__number">
              <Link to={`/orgs/${orgId}/invoices/${invoice.id}`}>{invoice.number}</Link>
            </th>
            <td data-label="Client" className="invoice-table__client">{invoice.clientName}</td>
            <td data-label="Period" className="invoice-table__period">{period(invoice.periodStart, invoice.periodEnd)}</td>
            <td data-label="Status" className="invoice-table__status">
              <StatusBadge status={invoice.status} />
            </td>
            <td data-label="Total" className="numeric invoice-table__total">
              {money(invoice.total, invoice.currency)}
            </td>
            <td data-label="Issued" className="invoice-table__issued">{invoice.issuedOn === null ? "—" : date(invoice.issuedOn)}</td>
            <td data-label="Due" className="invoice-table__due">{invoice.dueOn === null ? "—" : date(invoice.dueOn)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export { InvoicesPage as Component };
