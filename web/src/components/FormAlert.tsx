import type { ReactNode } from "react";

/** A message about the whole form (or page), announced by screen readers when it appears. */
export function FormAlert({ tone = "danger", title, children }: { tone?: "danger" | "success" | "info"; title: string; children?: ReactNode }) {
  return (
    <div className={`alert alert--${tone}`} role={tone === "danger" ? "alert" : "status"}>
      <p className="alert__title">{title}</p>
      {children && <div className="alert__body">{children}</div>}
    </div>
  );
}
