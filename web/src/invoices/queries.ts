import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { toProblem } from "../api/problem";
import { invoiceKeys, invoices, type Invoice, type InvoiceStatus } from "./api";

/** The organization's invoices of a status (or all), newest first, a page at a time. */
export function useInvoiceList(orgId: number, status: InvoiceStatus | null) {
  return useInfiniteQuery({
    queryKey: invoiceKeys.list(orgId, status),
    queryFn: ({ pageParam }) => invoices.list(orgId, status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One invoice; a 404 (not this organization's, or no such id) is the answer, not something to retry. */
export function useInvoice(orgId: number, id: number) {
  return useQuery({
    queryKey: invoiceKeys.one(orgId, id),
    queryFn: () => invoices.get(orgId, id),
    enabled: Number.isSafeInteger(id) && id > 0,
    retry: (failures, error) => failures < 2 && (toProblem(error).status ?? 500) >= 500,
  });
}

/**
 * After a draft or a move: the invoice as the server now has it goes into the cache, the lists are fetched again, and
 * so are the entries (drafting locks them, voiding unlocks them).
 */
export function useInvoiceChanged(orgId: number) {
  const client = useQueryClient();
  return (invoice: Invoice) => {
    client.setQueryData(invoiceKeys.one(orgId, invoice.id), invoice);
    void client.invalidateQueries({ queryKey: [...invoiceKeys.all(orgId), "list"] });
    void client.invalidateQueries({ queryKey: invoiceKeys.entries(orgId) });
  };
}
