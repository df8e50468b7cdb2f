import type { ReactNode } from "react";
import { Link, type To } from "react-router";
import { Button } from "../components/Button";
import { addDays, type DateKey } from "./time";

/** The way through weeks (previous, this, next) of My time and the timesheet, and the page's own actions after it. */
export function WeekNav({ start, thisWeek, hrefOf, children }: { start: DateKey; thisWeek: DateKey; hrefOf: (week: DateKey) => To; children?: ReactNode }) {
  return (
    <nav className="week-bar__nav" aria-label="Weeks">
      <Button variant="quiet" asChild>
        <Link to={hrefOf(addDays(start, -7))}>
          <span aria-hidden="true">‹</span> Previous week
        </Link>
      </Button>
      <Button variant="quiet" asChild>
        <Link to={hrefOf(thisWeek)} aria-current={start === thisWeek ? "date" : undefined}>
          This week
        </Link>
      </Button>
      <Button variant="quiet" asChild>
        <Link to={hrefOf(addDays(start, 7))}>
          Next week <span aria-hidden="true">›</span>
        </Link>
      </Button>
      {children}
    </nav>
  );
}
