import { api, type ApiClient } from "../api/client";
import { call } from "../api/call";
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type Invoice = Schemas["InvoiceResponse"];
export type InvoiceStatus = Invoice["status"];
export type InvoiceLine = Schemas["InvoiceItemResponse"];
export type NewInvoice = Schemas["CreateInvoiceRequest"];
export type IssueDates = Schemas["IssueInvoiceRequest"];

/** Every status, in the order an invoice goes through them (the list's filter offers them so). */
export const statuses: readonly InvoiceStatus[] = ["draft", "issued", "paid", "void"];

export function isStatus(value: string | null): value is InvoiceStatus {
  return statuses.some((status) => status === value);
}

/** How many invoices a page of the list shows before "Show more". */
export const pageSize = 25;

/** The calls the invoice screens make. */
export function invoicesApi(client: ApiClient = api) {
  return {
    list: (orgId: number, status: InvoiceStatus | null, cursor: string | null) => {
      const query = { limit: pageSize, ...(status === null ? {} : { status }), ...(cursor === null ? {} : { cursor }) };
      return call(client.GET("/api/v1/orgs/{orgId}/invoices", { params: { path: { orgId }, query } }));
    },
    get: (orgId: number, id: number) => call(client.GET("/api/v1/orgs/{orgId}/invoices/{id}", { params: { path: { orgId, id } } })),
    create: (orgId: number, body: NewInvoice) => call(client.POST("/api/v1/orgs/{orgId}/invoices", { params: { path: { orgId } }, body })),
    issue: (orgId: number, id: number, body: IssueDates) =>
      call(client.POST("/api/v1/orgs/{orgId}/invoices/{id}/issue", { params: { path: { orgId, id } }, body })),
    pay: (orgId: number, id: number) => call(client.POST("/api/v1/orgs/{orgId}/invoices/{id}/pay", { params: { path: { orgId, id } } })),
    void: (orgId: number, id: number) => call(client.POST("/api/v1/orgs/{orgId}/invoices/{id}/void", { params: { path: { orgId, id } } })),
  };
}

export const invoices = invoicesApi();

/**
 * The query keys of this slice, under the organization's `["orgs", id, …]` prefix. Drafting and voiding lock and unlock
 * time entries, so those invalidate the organization's `time-entries` too.
 */
export const invoiceKeys = {
  all: (orgId: number) => ["orgs", orgId, "invoices"] as const,
  list: (orgId: number, status: InvoiceStatus | null) => ["orgs", orgId, "invoices", "list", status ?? "all"] as const,
  one: (orgId: number, id: number) => ["orgs", orgId, "invoices", "one", id] as const,
  entries: (orgId: number) => ["orgs", orgId, "time-entries"] as const,
};
