import * as Label from "@radix-ui/react-label";
import { type InputHTMLAttributes, type ReactNode, type Ref } from "react";
import { FieldNotes, useFieldIds } from "./FieldNotes";

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  /** Help shown under the field and read with it. */
  hint?: ReactNode;
  /** The field's error (from the problem's `errors`), shown under it, read with it, and marking it invalid. */
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
  /** Rendered after the input (a strength meter, a show-password toggle). */
  children?: ReactNode;
}

/** A labelled input with its hint and its error next to it. */
export function TextField({ label, hint, error, children, ref, ...input }: TextFieldProps) {
  const ids = useFieldIds(hint, error);
  const { id } = ids;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <Label.Root className="field__label" htmlFor={id}>
        {label}
      </Label.Root>
      <input ref={ref} id={id} className="field__input" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...input} />
      {children}
      <FieldNotes ids={ids} hint={hint} error={error} />
    </div>
  );
}
