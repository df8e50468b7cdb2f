-- The organization's month by local day (see project.sql).
SELECT day, sum(entries)::bigint AS entries, sum(seconds)::bigint AS seconds, sum(billable_entries)::bigint AS billable_entries, sum(billable_seconds)::bigint AS billable_seconds,
       sum(unrated_seconds)::bigint AS unrated_seconds, sum(cent_seconds) AS cent_seconds
FROM (SELECT day, entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds FROM report_project_days WHERE organization_id = :org AND day BETWEEN :first::date AND :last::date
      UNION ALL SELECT day, entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds FROM report_moved(:org, :first::date, :last::date, :zone)) x
GROUP BY 1 HAVING sum(entries) <> 0;
