-- Revisions 031's and 032's promise (their triggers; bench/reports/rollup.sql was their prototype): after random
-- changes through every kind of write the daily and monthly totals equal the entries summed afresh. Changes: new finished entries (some tagged), timers started then stopped,
-- entries moved across days and projects, made billable or not, lengthened, deleted; tags put on and taken off; a tag
-- deleted (its links cascade); a member deleted (their entries cascade). Prints the rows that differ per table: all 0.
--   psql -v org=ID -f bench/reports/check.sql
\set ON_ERROR_STOP on
SELECT setseed(0.42);
CREATE TEMP TABLE check_ids AS SELECT min(id) AS lo, max(id) AS hi FROM time_entries WHERE organization_id = :org;
CREATE TEMP TABLE check_members AS SELECT user_id FROM memberships WHERE organization_id = :org AND role = 'member' ORDER BY user_id LIMIT 50;

-- New finished entries, a third of them tagged.
INSERT INTO time_entries (organization_id, user_id, project_id, started_at, ended_at, duration_seconds, billable, source, created_at, updated_at)
SELECT :org, m.user_id, p.id, s, s + interval '40 minutes', 2400, random() < 0.7, 'manual', now(), now()
FROM generate_series(1, 2000) g
CROSS JOIN LATERAL (SELECT user_id FROM check_members ORDER BY random() + g * 0 LIMIT 1) m
CROSS JOIN LATERAL (SELECT id FROM projects WHERE organization_id = :org ORDER BY random() + g * 0 LIMIT 1) p
CROSS JOIN LATERAL (SELECT now() - random() * interval '400 days' + g * interval '0 days' AS s) t;
INSERT INTO time_entry_tags (time_entry_id, tag_id)
SELECT e.id, (SELECT id FROM tags WHERE organization_id = :org ORDER BY random() + e.id * 0 LIMIT 1)
FROM time_entries e WHERE e.organization_id = :org AND e.source = 'manual' AND random() < 0.33 ON CONFLICT DO NOTHING;

-- Timers: started (no duration, counted nowhere), then stopped.
INSERT INTO time_entries (organization_id, user_id, project_id, started_at, billable, source, created_at, updated_at)
SELECT :org, user_id, (SELECT min(id) FROM projects WHERE organization_id = :org), now() - interval '3 hours', TRUE, 'timer', now(), now()
FROM check_members;
UPDATE time_entries SET ended_at = now(), duration_seconds = 10800 WHERE organization_id = :org AND source = 'timer' AND ended_at IS NULL;

-- Existing entries changed: moved by up to two days either way (across UTC and local midnights), to another project,
-- billable flipped, duration changed.
UPDATE time_entries e SET started_at = e.started_at + (random() * 4 - 2) * interval '1 day',
                          project_id = CASE WHEN random() < 0.5 THEN (SELECT id FROM projects WHERE organization_id = :org ORDER BY random() + e.id * 0 LIMIT 1)
                                            ELSE e.project_id END,
                          billable = CASE WHEN random() < 0.3 THEN NOT e.billable ELSE e.billable END,
                          duration_seconds = e.duration_seconds + (random() * 600)::int
FROM (SELECT DISTINCT lo + (random() * (hi - lo))::bigint AS id FROM check_ids, generate_series(1, 3000)) pick
WHERE e.id = pick.id;
-- An update that touches nothing the totals count (as locking by an invoice does).
UPDATE time_entries SET description = 'edited' WHERE id IN (SELECT lo + (random() * (hi - lo))::bigint FROM check_ids, generate_series(1, 500));

-- Tags put on and taken off.
INSERT INTO time_entry_tags (time_entry_id, tag_id)
SELECT e.id, (SELECT min(id) + 3 FROM tags WHERE organization_id = :org) FROM time_entries e
WHERE e.id IN (SELECT lo + (random() * (hi - lo))::bigint FROM check_ids, generate_series(1, 2000)) ON CONFLICT DO NOTHING;
DELETE FROM time_entry_tags WHERE time_entry_id IN (SELECT lo + (random() * (hi - lo))::bigint FROM check_ids, generate_series(1, 20000));

-- Deletions: entries, a tag, a member with all their entries.
DELETE FROM time_entries WHERE id IN (SELECT lo + (random() * (hi - lo))::bigint FROM check_ids, generate_series(1, 1000));
DELETE FROM tags WHERE id = (SELECT min(id) + 7 FROM tags WHERE organization_id = :org);
DELETE FROM users WHERE id = (SELECT max(user_id) FROM check_members);

-- Every total against the entries summed afresh (rows with no entries left count as absent).
CREATE TEMP TABLE check_fresh AS
SELECT e.id, e.organization_id, (e.started_at AT TIME ZONE 'UTC')::date AS day, e.user_id, COALESCE(e.project_id, 0) AS project_id,
       e.duration_seconds::bigint AS seconds, e.billable::int AS billable_entries,
       CASE WHEN e.billable THEN e.duration_seconds ELSE 0 END::bigint AS billable_seconds,
       CASE WHEN e.billable AND r.cents IS NULL THEN e.duration_seconds ELSE 0 END::bigint AS unrated_seconds,
       CASE WHEN e.billable THEN e.duration_seconds * COALESCE(r.cents, 0) ELSE 0 END::bigint AS cent_seconds
FROM time_entries e, LATERAL (SELECT round(e.hourly_rate * 100)::bigint AS cents) r
WHERE e.organization_id = :org AND e.duration_seconds IS NOT NULL;
-- Each table's rows as (table, organization, day or month, key, the six sums): as summed afresh, and as the totals hold them.
CREATE TEMP VIEW check_want
  (totals, organization_id, day, key, entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds) AS
SELECT 'report_user_days', f.organization_id, f.day, f.user_id,
       count(*), sum(f.seconds), sum(f.billable_entries), sum(f.billable_seconds), sum(f.unrated_seconds), sum(f.cent_seconds)
FROM check_fresh f GROUP BY 1, 2, 3, 4
UNION ALL
SELECT 'report_project_days', f.organization_id, f.day, f.project_id,
       count(*), sum(f.seconds), sum(f.billable_entries), sum(f.billable_seconds), sum(f.unrated_seconds), sum(f.cent_seconds)
FROM check_fresh f GROUP BY 1, 2, 3, 4
UNION ALL
SELECT 'report_tag_days', f.organization_id, f.day, COALESCE(l.tag_id, 0),
       count(*), sum(f.seconds), sum(f.billable_entries), sum(f.billable_seconds), sum(f.unrated_seconds), sum(f.cent_seconds)
FROM check_fresh f LEFT JOIN time_entry_tags l ON l.time_entry_id = f.id GROUP BY 1, 2, 3, 4
UNION ALL
SELECT 'report_user_months', f.organization_id, date_trunc('month', f.day::timestamp)::date, f.user_id,
       count(*), sum(f.seconds), sum(f.billable_entries), sum(f.billable_seconds), sum(f.unrated_seconds), sum(f.cent_seconds)
FROM check_fresh f GROUP BY 1, 2, 3, 4;
CREATE TEMP VIEW check_have
  (totals, organization_id, day, key, entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds) AS
SELECT 'report_user_days', organization_id, day, user_id,
       entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds
FROM report_user_days WHERE organization_id = :org AND entries <> 0
UNION ALL
SELECT 'report_project_days', organization_id, day, project_id,
       entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds
FROM report_project_days WHERE organization_id = :org AND entries <> 0
UNION ALL
SELECT 'report_tag_days', organization_id, day, tag_id,
       entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds
FROM report_tag_days WHERE organization_id = :org AND entries <> 0
UNION ALL
SELECT 'report_user_months', organization_id, month, user_id,
       entries, seconds, billable_entries, billable_seconds, unrated_seconds, cent_seconds
FROM report_user_months WHERE organization_id = :org AND entries <> 0;
SELECT t.totals, count(d.totals) AS rows_that_differ
FROM (VALUES ('report_user_days'), ('report_project_days'), ('report_tag_days'), ('report_user_months')) t (totals)
LEFT JOIN ((TABLE check_have EXCEPT TABLE check_want) UNION ALL (TABLE check_want EXCEPT TABLE check_have)) d ON d.totals = t.totals
GROUP BY t.totals ORDER BY t.totals;
