import { usePageTitle } from "../components/AuthLayout";

/** Stands for a page while it is being built (issue 20); every use is replaced by the page itself. */
export function PagePlaceholder({ title }: { title: string }) {
  usePageTitle(title);
  return (
    <section className="page" aria-labelledby="placeholder-title">
      <h1 id="placeholder-title">{title}</h1>
    </section>
  );
}
