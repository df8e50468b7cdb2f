import { useEffect, type ReactNode } from "react";
import { Link } from "react-router";
import { Logo } from "./Logo";

/** The frame of the signed-out screens: the brand, one card with a heading, and what follows it. */
export function AuthLayout({ title, intro, children, footer }: { title: string; intro?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="auth">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="auth__brand">
        <Link to="/" className="brand">
          <Logo />
          <span>TimeTracker</span>
        </Link>
      </header>
      <main id="main" className="auth__card" tabIndex={-1}>
        <h1>{title}</h1>
        {intro && <p className="auth__intro">{intro}</p>}
        {children}
      </main>
      {footer && <footer className="auth__footer">{footer}</footer>}
    </div>
  );
}

/** Sets the document title ("Sign in · TimeTracker"), which screen readers announce on navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · TimeTracker`;
  }, [title]);
}
