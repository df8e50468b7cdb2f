-- The organization's month by project, per local day: the daily totals, with the entries near midnight moved to their
-- local day (report_moved). Counts come back as bigint; the cents as numeric (a month of a large organization can pass
-- bigint's range). pgbench -M prepared -D org=… -D first=… -D last=… -D zone=…
SELECT s.*, p.name FROM (
  SELECT day, project_id, sum(entries)::bigint AS entries, sum(seconds)::bigint AS seconds, sum(billable_entries)::bigint AS billable_entries, sum(billable_seconds)::bigint AS billable_seconds,
       sum(unrated_seconds)::bigint AS unrated_seconds, sum(cent_seconds) AS cent_seconds
  FROM (SELECT day, project_id, entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds FROM report_project_days WHERE organization_id = :org AND day BETWEEN :first::date AND :last::date
        UNION ALL SELECT day, project_id, entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds FROM report_moved(:org, :first::date, :last::date, :zone)) x
  GROUP BY 1, 2 HAVING sum(entries) <> 0) s
LEFT JOIN projects p ON p.id = s.project_id;
