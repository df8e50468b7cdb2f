import { type ReactNode, type Ref, type SelectHTMLAttributes } from "react";
import { FieldNotes, useFieldIds } from "../components/FieldNotes";

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  ref?: Ref<HTMLSelectElement>;
}

/** A labelled native select (the platform's own keyboard and screen-reader support), styled and described as TextField is. */
export function SelectField({ label, hint, error, children, ref, ...select }: SelectFieldProps) {
  const ids = useFieldIds(hint, error);
  const { id } = ids;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        ref={ref}
        id={id}
        className="field__input field__select"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...select}
      >
        {children}
      </select>
      <FieldNotes ids={ids} hint={hint} error={error} />
    </div>
  );
}
