import { usePageTitle } from "../components/AuthLayout";

/** The timer page. Its timer bar and entries come in the next part of issue 18; until then it says what is coming. */
export function Home() {
  usePageTitle("Timer");
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">Timer</h1>
      <div className="empty">
        <p className="empty__title">You are signed in.</p>
        <p className="muted">The timer, your organizations and your entries arrive here in the next release.</p>
      </div>
    </section>
  );
}

export { Home as Component };
