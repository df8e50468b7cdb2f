-- The measured month's daily totals as tracking writes them, rather than as revision 031's fill leaves them: the
-- month's entries are taken out (their delete trigger takes them off the totals) and the month's totals rows deleted,
-- then the entries are written back one by one in the order they started, each with its tags in a transaction of its
-- own, as timers stop through a month. A member's row of a day is inserted by their first entry and updated by the
-- rest, and autovacuum runs as it would. Run by bench/run-reports.sh:
--   psql -v org=ID -v first=2026-11-01 -v last=2026-11-30 -f bench/reports/replay-month.sql
\set ON_ERROR_STOP on
CREATE TABLE replay_entries AS
SELECT * FROM time_entries
WHERE organization_id = :org AND started_at >= (:'first'::date - 1)::timestamp AT TIME ZONE 'UTC'
  AND started_at < (:'last'::date + 2)::timestamp AT TIME ZONE 'UTC';
CREATE TABLE replay_tags AS SELECT l.* FROM time_entry_tags l JOIN replay_entries r ON r.id = l.time_entry_id;
-- Each write below picks its entry by id: without these, every one would scan the month.
CREATE INDEX ON replay_entries (id);
CREATE INDEX ON replay_tags (time_entry_id);
DELETE FROM time_entries WHERE id IN (SELECT id FROM replay_entries);
DELETE FROM report_user_days WHERE organization_id = :org AND day BETWEEN :'first'::date - 1 AND :'last'::date + 1;
DELETE FROM report_project_days WHERE organization_id = :org AND day BETWEEN :'first'::date - 1 AND :'last'::date + 1;
DELETE FROM report_tag_days WHERE organization_id = :org AND day BETWEEN :'first'::date - 1 AND :'last'::date + 1;
-- The month's member rows, emptied by the entries' deletion; the months around it keep the rest of their entries.
DELETE FROM report_user_months WHERE organization_id = :org AND month BETWEEN :'first'::date - 1 AND :'last'::date AND entries = 0;
VACUUM report_user_days;
VACUUM report_project_days;
VACUUM report_tag_days;
VACUUM report_user_months;
SELECT format('INSERT INTO time_entries OVERRIDING SYSTEM VALUE SELECT * FROM replay_entries WHERE id = %s; '
              'INSERT INTO time_entry_tags SELECT * FROM replay_tags WHERE time_entry_id = %s', id, id)
FROM replay_entries ORDER BY started_at, id \gexec
DROP TABLE replay_entries;
DROP TABLE replay_tags;
VACUUM ANALYZE report_user_days;
VACUUM ANALYZE report_project_days;
VACUUM ANALYZE report_tag_days;
VACUUM ANALYZE report_user_months;
