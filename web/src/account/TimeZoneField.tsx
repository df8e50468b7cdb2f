import { useCombobox } from "downshift";
import { useEffect, useMemo, useState, type ReactNode, type Ref } from "react";
import { FieldNotes, useFieldIds } from "../components/FieldNotes";
import { matchTimeZones, timeZones, utcOffset } from "./timeZones";

export interface TimeZoneFieldProps {
  label: string;
  /** The chosen zone (an IANA name). */
  value: string;
  onChange: (zone: string) => void;
  onBlur?: () => void;
  name?: string;
  error?: string | undefined;
  hint?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A searchable list of the IANA time zones (an ARIA combobox, by Downshift): type any part of a name ("new york",
 * "paris"), move with the arrow keys, choose with Enter; Escape or leaving the field without choosing keeps the zone
 * that was chosen before.
 */
export function TimeZoneField({ label, value, onChange, onBlur, name, error, hint, inputRef }: TimeZoneFieldProps) {
  const zones = useMemo(timeZones, []);
  const [query, setQuery] = useState(value);
  useEffect(() => setQuery(value), [value]);
  // The whole list while the field shows the chosen zone (opening it to look around); the matches once typing starts.
  const items = useMemo(() => (query === value ? zones : matchTimeZones(zones, query)), [zones, query, value]);
  const { isOpen, highlightedIndex, getLabelProps, getInputProps, getMenuProps, getItemProps, getToggleButtonProps } = useCombobox<string>({
    items,
    selectedItem: value,
    inputValue: query,
    itemToString: (zone) => zone ?? "",
    onInputValueChange: ({ inputValue }) => setQuery(inputValue ?? ""),
    onSelectedItemChange: ({ selectedItem }) => {
      if (selectedItem) onChange(selectedItem);
    },
    stateReducer: (state, { type, changes }) => {
      // Typing highlights the best match, so Enter (or Tab) takes it.
      if (type === useCombobox.stateChangeTypes.InputChange) return { ...changes, highlightedIndex: changes.inputValue ? 0 : -1 };
      // Leaving without a match, or with Escape, shows the chosen zone again rather than half-typed text.
      if ((type === useCombobox.stateChangeTypes.InputBlur || type === useCombobox.stateChangeTypes.InputKeyDownEscape) && !changes.selectedItem)
        return { ...changes, selectedItem: state.selectedItem, inputValue: state.selectedItem ?? "" };
      if (type === useCombobox.stateChangeTypes.InputBlur && changes.selectedItem === state.selectedItem) return { ...changes, inputValue: state.selectedItem ?? "" };
      return changes;
    },
  });
  const ids = useFieldIds(hint, error);
  const open = isOpen && items.length > 0;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label className="field__label" {...getLabelProps()}>
        {label}
      </label>
      <div className="combobox">
        <input
          className="field__input combobox__input"
          {...getInputProps({
            ref: inputRef,
            name,
            onBlur,
            spellCheck: false,
            autoComplete: "off",
            "aria-invalid": error ? true : undefined,
            "aria-describedby": ids.describedBy,
          })}
        />
        <button type="button" className="combobox__toggle" {...getToggleButtonProps({ "aria-label": "All time zones" })}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        <ul className="combobox__menu" hidden={!open} {...getMenuProps()}>
          {open &&
            items.map((zone, index) => (
              <li
                key={zone}
                className={["combobox__option", index === highlightedIndex && "combobox__option--active", zone === value && "combobox__option--chosen"]
                  .filter(Boolean)
                  .join(" ")}
                {...getItemProps({ item: zone, index })}
              >
                <span>{zone}</span>
                <span className="combobox__aside">{utcOffset(zone)}</span>
              </li>
            ))}
        </ul>
      </div>
      {isOpen && items.length === 0 && (
        <p className="field__hint" role="status">
          No time zone matches “{query}”. Try a city, such as Berlin or Chicago.
        </p>
      )}
      <FieldNotes ids={ids} hint={hint} error={error} />
    </div>
  );
}
