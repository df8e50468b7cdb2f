-- The organization's month by tag, per local day (an entry under each of its tags, or under 0 when it has none; see
-- project.sql), then the totals, which count each entry once.
SELECT s.*, t.name FROM (
  SELECT day, tag_id, sum(entries)::bigint AS entries, sum(seconds)::bigint AS seconds, sum(billable_entries)::bigint AS billable_entries, sum(billable_seconds)::bigint AS billable_seconds,
       sum(unrated_seconds)::bigint AS unrated_seconds, sum(cent_seconds) AS cent_seconds
  FROM (SELECT day, tag_id, entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds FROM report_tag_days WHERE organization_id = :org AND day BETWEEN :first::date AND :last::date
        UNION ALL SELECT m.day, COALESCE(l.tag_id, 0), entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds FROM report_moved(:org, :first::date, :last::date, :zone) m LEFT JOIN time_entry_tags l ON l.time_entry_id = m.id) x
  GROUP BY 1, 2 HAVING sum(entries) <> 0) s
LEFT JOIN tags t ON t.id = s.tag_id;
SELECT sum(entries)::bigint AS entries, sum(seconds)::bigint AS seconds, sum(billable_entries)::bigint AS billable_entries, sum(billable_seconds)::bigint AS billable_seconds,
       sum(unrated_seconds)::bigint AS unrated_seconds, sum(cent_seconds) AS cent_seconds
FROM (SELECT entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds FROM report_project_days WHERE organization_id = :org AND day BETWEEN :first::date AND :last::date
      UNION ALL SELECT entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds FROM report_moved(:org, :first::date, :last::date, :zone)) x;
