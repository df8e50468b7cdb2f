import { addDays, type DateKey } from "../timer/time";
import type { InvoiceStatus } from "./api";

/*
 * The app speaks English, and an invoice is a document sent to someone else: it reads the same whoever opens it, so the
 * formats are fixed rather than taken from the browser. Amounts as `1,250.00`; dates day-month-year with the month's
 * name (`2 Nov 2026`), which no reader takes for the 11th of February.
 */
const numberLocale = "en-US";
const dateLocale = "en-GB";

/** An amount in the invoice's currency: `$1,250.00`, `€240.00`. */
export function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(numberLocale, { style: "currency", currency }).format(amount);
  } catch {
    // A code the browser does not know is still shown, as the server stored it.
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** Hours as the invoice bills them: to the hundredth (`1.50`). */
export function hours(quantity: number): string {
  return new Intl.NumberFormat(numberLocale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(quantity);
}

/** A calendar day (`2026-11-30`) as people read it: `30 Nov 2026`. No time zone: it is a date, not an instant. */
export function date(day: DateKey): string {
  const [year = 1970, month = 1, dayOfMonth = 1] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(dateLocale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(year, month - 1, dayOfMonth)),
  );
}

/** The days an invoice bills: `1 Nov 2026 – 30 Nov 2026`, or none for an invoice without a period (an imported one). */
export function period(start: DateKey | null, end: DateKey | null): string {
  if (start === null || end === null) return "—";
  return start === end ? date(start) : `${date(start)} – ${date(end)}`;
}

export const statusLabels: Record<InvoiceStatus, string> = { draft: "Draft", issued: "Issued", paid: "Paid", void: "Void" };

/** A range of days, both included (as the API takes `from` and `to`). */
export interface DayRange {
  from: DateKey;
  to: DateKey;
}

/** The month `day` is in, from its first to its last day. */
export function monthOf(day: DateKey): DayRange {
  const from = `${day.slice(0, 7)}-01`;
  const [year = 1970, month = 1] = from.split("-").map(Number);
  const nextMonth = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  return { from, to: addDays(nextMonth, -1) };
}

/** The month before the one `day` is in: what most invoices bill. */
export function lastMonthOf(day: DateKey): DayRange {
  return monthOf(addDays(monthOf(day).from, -1));
}
