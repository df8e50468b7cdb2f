-- A member's own month by project, per local day, straight from the entries through ix_time_entries_user_id_started_at
-- (a member's month is a few hundred entries). The rate as in rollup.sql's stand-in, inline rather than per row.
SELECT (e.started_at AT TIME ZONE :zone)::date AS day, e.project_id, p.name, count(*) AS entries, sum(e.duration_seconds) AS seconds,
       count(*) FILTER (WHERE e.billable) AS billable_entries, COALESCE(sum(e.duration_seconds) FILTER (WHERE e.billable), 0) AS billable_seconds,
       COALESCE(sum(e.duration_seconds) FILTER (WHERE e.billable AND r.cents IS NULL), 0) AS unrated_seconds,
       COALESCE(sum(e.duration_seconds * r.cents) FILTER (WHERE e.billable), 0) AS cent_seconds
FROM time_entries e JOIN users u ON u.id = e.user_id LEFT JOIN projects p ON p.id = e.project_id
CROSS JOIN LATERAL (SELECT round(COALESCE(p.hourly_rate, u.default_hourly_rate) * 100)::bigint AS cents) r
WHERE e.user_id = :user AND e.organization_id = :org AND e.duration_seconds IS NOT NULL
  AND e.started_at >= (:first::date::timestamp AT TIME ZONE :zone) AND e.started_at < ((:last::date + 1)::timestamp AT TIME ZONE :zone)
GROUP BY 1, 2, 3;
