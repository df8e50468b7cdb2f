import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useId, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { toProblem } from "../api/problem";
import { usePageTitle } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { LoadFailed } from "../orgs/LoadFailed";
import { hasRole, useOrganization } from "../orgs/useOrganization";
import { useProjects } from "../timer/queries";
import { dayOf, formatClock } from "../timer/time";
import { reportKeys, reports, saveFile, type DetailedEntry, type Summary } from "./api";
import { CheckList } from "./CheckList";
import { filtersFromParams, groupings, maximumDays, paramsFromFilters, presetRange, presets, type ReportFilters } from "./filters";
import "./reports.css";
import { ForMe } from "../timer/ForMe";

// Chart.js is loaded only by this page: its chunk is fetched while the report's numbers are (see Report).
const loadChart = () => import("./TimeChart");
const TimeChart = lazy(loadChart);

const hours = (value: number) => value.toFixed(2);
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Reports: time and amounts over a range, filtered and grouped as the address says. */
export function ReportsPage() {
  usePageTitle("Reports");
  return <ForMe>{(me) => <Report today={dayOf(Date.now(), me.timeZone)} />}</ForMe>;
}

function Report({ today }: { today: string }) {
  const organization = useOrganization();
  const orgId = organization.id;
  const admin = hasRole(organization.role, "admin");
  const [params, setParams] = useSearchParams();
  const { filters, notices } = filtersFromParams(params, today);
  // A member's report is their own time: the member filter is not theirs to set.
  if (!admin) filters.userIds = [];
  const change = (next: Partial<ReportFilters>) => setParams(paramsFromFilters({ ...filters, ...next }));
  useEffect(() => void loadChart(), []);

  const summary = useQuery({
    queryKey: reportKeys.summary(orgId, filters, filters.groupBy),
    queryFn: () => reports.summary(orgId, filters, filters.groupBy),
    placeholderData: keepPreviousData,
  });

  return (
    <section className="page report" aria-labelledby="report-title">
      <div className="report__head">
        <h1 id="report-title">Reports</h1>
        <p className="report__range">
          {filters.from} – {filters.to}
          {summary.data && <> · {summary.data.timeZone}</>}
        </p>
      </div>
      {notices.length > 0 && (
        <FormAlert title="Part of this address was not understood">
          {notices.map((notice) => (
            <p key={notice}>{notice}</p>
          ))}
        </FormAlert>
      )}
      <FilterBar orgId={orgId} admin={admin} filters={filters} today={today} change={change} />
      {summary.isError ? (
        <LoadFailed error={summary.error} retry={() => void summary.refetch()} />
      ) : summary.data === undefined ? (
        <p className="loading" role="status">
          Loading the report…
        </p>
      ) : summary.data.totals.totalSeconds === 0 ? (
        <div className="empty">
          <p className="empty__title">No time in this range</p>
          <p>
            Nothing was tracked from {filters.from} to {filters.to}
            {hasFilters(filters) ? " with these filters" : ""}. Pick another range
            {hasFilters(filters) ? ", clear a filter" : ""}, or <Link to={`/orgs/${orgId}/time`}>track some time</Link>.
          </p>
        </div>
      ) : (
        <Results orgId={orgId} filters={filters} summary={summary.data} change={change} stale={summary.isPlaceholderData} />
      )}
    </section>
  );
}

const hasFilters = (f: ReportFilters) =>
  f.clientIds.length + f.projectIds.length + f.userIds.length + f.tags.length > 0 || f.billable !== "any";

function FilterBar({
  orgId,
  admin,
  filters,
  today,
  change,
}: {
  orgId: number;
  admin: boolean;
  filters: ReportFilters;
  today: string;
  change: (next: Partial<ReportFilters>) => void;
}) {
  const id = useId();
  const clients = useQuery({ queryKey: reportKeys.clients(orgId), queryFn: () => reports.clients(orgId), staleTime: 60_000 });
  // The timer bar's list (archived projects too): one request for both.
  const projects = useProjects(orgId);
  const members = useQuery({ queryKey: reportKeys.members(orgId), queryFn: () => reports.members(orgId), enabled: admin, staleTime: 60_000 });
  const tags = useQuery({ queryKey: reportKeys.tags(orgId, filters.from, filters.to), queryFn: () => reports.tags(orgId, filters.from, filters.to) });
  const [custom, setCustom] = useState({ from: filters.from, to: filters.to });
  const [rangeError, setRangeError] = useState("");

  const choosePreset = (value: string) => {
    if (value === "custom") {
      setCustom({ from: filters.from, to: filters.to });
      change({ range: "custom" });
    } else change({ range: value as ReportFilters["range"], ...presetRange(value as Exclude<ReportFilters["range"], "custom">, today) });
  };
  const applyCustom = (event: React.FormEvent) => {
    event.preventDefault();
    const days = (Date.parse(custom.to) - Date.parse(custom.from)) / 86_400_000;
    if (!custom.from || !custom.to) setRangeError("Choose both dates.");
    else if (days < 0) setRangeError("The range must end on or after its first day.");
    else if (days >= maximumDays) setRangeError(`A report covers at most ${maximumDays} days.`);
    else {
      setRangeError("");
      change({ range: "custom", ...custom });
    }
  };

  return (
    <div className="report-filters" role="group" aria-label="Filters">
      <div className="report-filters__range">
        <label className="report-filters__field">
          <span>Range</span>
          <select value={filters.range} onChange={(event) => choosePreset(event.target.value)}>
            {presets.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        {filters.range === "custom" && (
          <form className="report-filters__custom" onSubmit={applyCustom} aria-describedby={rangeError ? `${id}-range-error` : undefined}>
            <label className="report-filters__field">
              <span>From</span>
              <input type="date" value={custom.from} required onChange={(event) => setCustom({ ...custom, from: event.target.value })} />
            </label>
            <label className="report-filters__field">
              <span>To</span>
              <input type="date" value={custom.to} required onChange={(event) => setCustom({ ...custom, to: event.target.value })} />
            </label>
            <Button type="submit" variant="secondary">
              Apply
            </Button>
            {rangeError && (
              <p className="report-filters__error" id={`${id}-range-error`} role="alert">
                {rangeError}
              </p>
            )}
          </form>
        )}
      </div>
      <div className="report-filters__lists">
        <CheckList
          legend="Clients"
          empty="No clients yet."
          options={(clients.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          chosen={filters.clientIds}
          onChange={(clientIds) => change({ clientIds })}
        />
        <CheckList
          legend="Projects"
          empty="No projects yet."
          options={(projects.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          chosen={filters.projectIds}
          onChange={(projectIds) => change({ projectIds })}
        />
        {admin && (
          <CheckList
            legend="Members"
            empty="No members."
            options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name }))}
            chosen={filters.userIds}
            onChange={(userIds) => change({ userIds })}
          />
        )}
        <CheckList
          legend="Tags"
          empty="No tagged time in this range."
          options={[...new Set([...(tags.data ?? []), ...filters.tags])].map((t) => ({ value: t, label: t }))}
          chosen={filters.tags}
          onChange={(next) => change({ tags: next })}
        />
        <label className="report-filters__field">
          <span>Billable</span>
          <select value={filters.billable} onChange={(event) => change({ billable: event.target.value as ReportFilters["billable"] })}>
            <option value="any">Billable and not</option>
            <option value="true">Billable only</option>
            <option value="false">Non-billable only</option>
          </select>
        </label>
      </div>
    </div>
  );
}

function Results({
  orgId,
  filters,
  summary,
  change,
  stale,
}: {
  orgId: number;
  filters: ReportFilters;
  summary: Summary;
  change: (next: Partial<ReportFilters>) => void;
  stale: boolean;
}) {
  const id = useId();
  const grouping = groupings.find((g) => g.value === filters.groupBy)?.label ?? "Project";
  const totals = summary.totals;
  return (
    <div className="report__results" aria-busy={stale || undefined}>
      <dl className="report-totals">
        <div>
          <dt>Total</dt>
          <dd>{hours(totals.totalHours)} h</dd>
        </div>
        <div>
          <dt>Billable</dt>
          <dd>{hours(totals.billableHours)} h</dd>
        </div>
        <div>
          <dt>Amount</dt>
          <dd data-testid="total-amount">{money.format(totals.billableAmount)}</dd>
        </div>
      </dl>
      <section className="report-card" aria-labelledby={`${id}-chart`}>
        <div className="report-card__head">
          <h2 id={`${id}-chart`}>Time per day</h2>
          <label className="report-filters__field report-filters__field--inline">
            <span>Stack by</span>
            <select value={filters.groupBy} onChange={(event) => change({ groupBy: event.target.value as ReportFilters["groupBy"] })}>
              {groupings.map((g) => (
                <option key={g.value} value={g.value}>
                  {g.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <Suspense fallback={<div className="report-chart__canvas report-chart__canvas--loading" />}>
          <TimeChart summary={summary} label={`Hours per day from ${summary.from} to ${summary.to}, stacked by ${grouping.toLowerCase()}`} describedBy={`${id}-table`} />
        </Suspense>
      </section>
      <section className="report-card" aria-labelledby={`${id}-breakdown`}>
        <div className="report-card__head">
          <h2 id={`${id}-breakdown`}>By {grouping.toLowerCase()}</h2>
          <CsvButton orgId={orgId} kind="summary" filters={filters} label="Download summary CSV" />
        </div>
        <div className="report-table__scroll">
          <table className="report-table" id={`${id}-table`}>
            <caption className="visually-hidden">
              Hours and amounts by {grouping.toLowerCase()} from {summary.from} to {summary.to}
            </caption>
            <thead>
              <tr>
                <th scope="col">{grouping}</th>
                <th scope="col" className="num">
                  Hours
                </th>
                <th scope="col" className="num">
                  Billable hours
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.groups.map((group) => (
                <tr key={group.key ?? "none"}>
                  <th scope="row">{group.name}</th>
                  <td className="num">{hours(group.totalHours)}</td>
                  <td className="num">{hours(group.billableHours)}</td>
                  <td className="num">{money.format(group.billableAmount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num">{hours(totals.totalHours)}</td>
                <td className="num">{hours(totals.billableHours)}</td>
                <td className="num">{money.format(totals.billableAmount)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        {totals.unratedBillableSeconds > 0 && (
          <p className="report__note">
            {formatClock(totals.unratedBillableSeconds)} of billable time has no rate (neither the project’s nor the member’s) and adds nothing to the
            amount.
          </p>
        )}
        {filters.groupBy === "tag" && <p className="report__note">An entry with several tags counts under each; the total counts it once.</p>}
      </section>
      <Entries orgId={orgId} filters={filters} />
    </div>
  );
}

function Entries({ orgId, filters }: { orgId: number; filters: ReportFilters }) {
  const id = useId();
  const list = useInfiniteQuery({
    queryKey: reportKeys.detailed(orgId, filters),
    queryFn: ({ pageParam }) => reports.detailed(orgId, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const entries: DetailedEntry[] = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="report-card" aria-labelledby={`${id}-entries`}>
      <div className="report-card__head">
        <h2 id={`${id}-entries`}>Entries</h2>
        <CsvButton orgId={orgId} kind="detailed" filters={filters} label="Download entries CSV" />
      </div>
      {list.isError && entries.length === 0 ? (
        <LoadFailed error={list.error} retry={() => void list.refetch()} />
      ) : list.data === undefined ? (
        <p className="loading" role="status">
          Loading the entries…
        </p>
      ) : (
        <>
          <div className="report-table__scroll">
            <table className="report-table report-table--entries">
              <caption className="visually-hidden">Entries from {filters.from} to {filters.to}, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Member</th>
                  <th scope="col">Project</th>
                  <th scope="col">Description</th>
                  <th scope="col" className="num">
                    Hours
                  </th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td className="nowrap">{entry.date}</td>
                    <td>{entry.userName}</td>
                    <td>
                      {entry.projectName ?? <span className="muted">No project</span>}
                      {entry.clientName && <span className="report-table__sub">{entry.clientName}</span>}
                      {entry.taskName && <span className="report-table__sub">{entry.taskName}</span>}
                    </td>
                    <td>
                      {entry.description ?? <span className="muted">No description</span>}
                      {entry.tags.length > 0 && <span className="report-table__sub">{entry.tags.join(", ")}</span>}
                    </td>
                    <td className="num">{hours(entry.hours)}</td>
                    <td className="num">{entry.billable ? money.format(entry.amount) : <span className="muted">Not billable</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="report__note" role="status">
            {entries.length} {entries.length === 1 ? "entry" : "entries"} shown{list.hasNextPage ? "; more follow" : ""}.
          </p>
          {list.isFetchNextPageError && <FormAlert title="More entries could not be loaded">{toProblem(list.error).detail}</FormAlert>}
          {list.hasNextPage && (
            <div>
              <Button variant="secondary" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Load more
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function CsvButton({ orgId, kind, filters, label }: { orgId: number; kind: "summary" | "detailed"; filters: ReportFilters; label: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const download = async () => {
    setBusy(true);
    setError("");
    try {
      saveFile(await reports.csv(orgId, kind, filters, filters.groupBy));
    } catch (failure) {
      const problem = toProblem(failure);
      setError(`The CSV could not be downloaded: ${problem.detail ?? problem.title}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="report-csv">
      <Button variant="secondary" busy={busy} onClick={() => void download()}>
        {label}
      </Button>
      {error && (
        <p className="report-filters__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export { ReportsPage as Component };
