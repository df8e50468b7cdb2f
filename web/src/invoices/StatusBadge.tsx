import type { InvoiceStatus } from "./api";
import { statusLabels } from "./format";

/** An invoice's status as a coloured label; the word carries the meaning, the colour only repeats it. */
export function StatusBadge({ status }: { status: InvoiceStatus }) {
  return <span className={`invoice-status invoice-status--${status}`}>{statusLabels[status]}</span>;
}
