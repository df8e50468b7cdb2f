import { usePageTitle } from "../components/AuthLayout";

/** My time: the signed-in person's entries of the organization, a week at a time (the timer slice of issue 18 builds it). */
export function MyTime() {
  usePageTitle("My time");
  return (
    <section className="page" aria-labelledby="time-title">
      <h1 id="time-title">My time</h1>
    </section>
  );
}

export { MyTime as Component };
