import { useId, useState } from "react";

export interface Option<T> {
  value: T;
  label: string;
}

/**
 * A multi-select as a disclosure: a button-like summary saying what is chosen, opening a fieldset of native checkboxes
 * (keyboard and screen readers need nothing more). Nothing chosen means no filter: "All". The checkboxes exist only
 * while it is open: a report page has four of these, with every project and member of the organization, and a phone
 * would build them all on each arrival of the page's data for nothing.
 */
export function CheckList<T extends string | number>({
  legend,
  options,
  chosen,
  onChange,
  empty,
}: {
  legend: string;
  options: Option<T>[];
  chosen: T[];
  onChange: (values: T[]) => void;
  empty: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const names = options.filter((o) => chosen.includes(o.value)).map((o) => o.label);
  const summary = chosen.length === 0 ? "All" : names.length === 1 ? names[0] : `${chosen.length} chosen`;
  return (
    <details className="check-list" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="check-list__summary" aria-describedby={`${id}-value`}>
        <span className="check-list__legend">{legend}</span>
        <span className="check-list__value" id={`${id}-value`}>
          {summary}
        </span>
      </summary>
      <fieldset className="check-list__panel">
        <legend className="visually-hidden">{legend}</legend>
        {open && options.length === 0 && <p className="check-list__empty">{empty}</p>}
        {open &&
          options.map((option) => (
            <label key={String(option.value)} className="check-list__option">
              <input
                type="checkbox"
                checked={chosen.includes(option.value)}
                onChange={(event) =>
                  onChange(event.target.checked ? [...chosen, option.value] : chosen.filter((value) => value !== option.value))
                }
              />
              <span>{option.label}</span>
            </label>
          ))}
        {chosen.length > 0 && (
          <button type="button" className="check-list__clear" onClick={() => onChange([])}>
            Clear {legend.toLowerCase()}
          </button>
        )}
      </fieldset>
    </details>
  );
}
