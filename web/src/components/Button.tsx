import { Slot } from "@radix-ui/react-slot";
import type { ButtonHTMLAttributes, Ref } from "react";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: "primary" | "secondary" | "quiet";
  /** Renders the child (a router Link) with the button's look instead of a <button>. */
  asChild?: boolean;
  /** Shows the button busy and ignores presses, without taking it out of the tab order. */
  busy?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

/** The one button of the app. */
export function Button({ variant = "primary", asChild = false, busy = false, className, type, onClick, ...rest }: ButtonProps) {
  const Component = asChild ? Slot : "button";
  return (
    <Component
      className={["button", `button--${variant}`, className].filter(Boolean).join(" ")}
      {...(asChild ? {} : { type: type ?? "button" })}
      aria-busy={busy || undefined}
      aria-disabled={busy || undefined}
      onClick={busy ? (event: React.MouseEvent<HTMLButtonElement>) => event.preventDefault() : onClick}
      {...rest}
    />
  );
}
