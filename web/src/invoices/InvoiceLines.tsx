import type { Invoice } from "./api";
import { hours, money } from "./format";

/** An invoice's numbered lines and its total: the same table on the screen and on paper. */
export function InvoiceLines({ invoice }: { invoice: Invoice }) {
  const currency = invoice.currency;
  return (
    <table className="invoice-lines">
      <caption className="visually-hidden">Lines of invoice {invoice.number}, amounts in {currency}</caption>
      <thead>
        <tr>
          <th scope="col" className="invoice-lines__number">
            #
          </th>
          <th scope="col">Description</th>
          <th scope="col" className="numeric">
            Hours
          </th>
          <th scope="col" className="numeric">
            Rate
          </th>
          <th scope="col" className="numeric">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {invoice.items.map((line, index) => (
          <tr key={line.id}>
            <td className="invoice-lines__number">{index + 1}</td>
            <td>{line.description}</td>
            <td className="numeric">{hours(line.quantity)}</td>
            <td className="numeric">{money(line.unitPrice, currency)}</td>
            <td className="numeric">{money(line.amount, currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="invoice-lines__total">
          <th scope="row" colSpan={4}>
            Total ({currency})
          </th>
          <td className="numeric">{money(invoice.total, currency)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
