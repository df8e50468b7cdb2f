-- The organization's month by member, per local day (see project.sql). A member has one row a day, so the month's
-- rows are already the groups: the few moved entries are joined on rather than every row hashed and summed again.
SELECT COALESCE(r.day, m.day) AS day, COALESCE(r.user_id, m.user_id) AS user_id, u.name,
       COALESCE(r.entries, 0) + COALESCE(m.entries, 0) AS entries, COALESCE(r.seconds, 0) + COALESCE(m.seconds, 0) AS seconds,
       COALESCE(r.billable_entries, 0) + COALESCE(m.billable_entries, 0) AS billable_entries,
       COALESCE(r.billable_seconds, 0) + COALESCE(m.billable_seconds, 0) AS billable_seconds,
       COALESCE(r.unrated_seconds, 0) + COALESCE(m.unrated_seconds, 0) AS unrated_seconds,
       COALESCE(r.cent_seconds, 0) + COALESCE(m.cent_seconds, 0) AS cent_seconds
FROM (SELECT * FROM report_user_days WHERE organization_id = :org AND day BETWEEN :first::date AND :last::date) r
FULL JOIN (SELECT day, user_id, sum(entries)::bigint AS entries, sum(seconds)::bigint AS seconds, sum(billable_entries)::bigint AS billable_entries,
                  sum(billable_seconds)::bigint AS billable_seconds, sum(unrated_seconds)::bigint AS unrated_seconds, sum(cent_seconds) AS cent_seconds
           FROM report_moved(:org, :first::date, :last::date, :zone) GROUP BY 1, 2) m ON m.day = r.day AND m.user_id = r.user_id
JOIN users u ON u.id = COALESCE(r.user_id, m.user_id)
WHERE COALESCE(r.entries, 0) + COALESCE(m.entries, 0) <> 0;
