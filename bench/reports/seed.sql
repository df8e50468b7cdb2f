-- Seeds the organization :org (made through the API by `api-load … reports-setup`: its owner and one member) up to
-- 1,000 members with :entries finished time entries, in SQL (generate_series), ending yesterday.
--   psql -v org=ID -v entries=N -f bench/reports/seed.sql
-- The shape of a working team, all in Europe/Berlin: 75 teams of about 13 people, each team on three client projects
-- and one internal project; 8 entries per member per working day (Monday to Friday) between 08:00 and about 17:00,
-- each 30 to 60 minutes; 80 % of entries on a task; entries on client projects 90 % billable, internal ones never;
-- a third of the entries tagged (one tag, or two for one entry in ten). Two thirds of the client projects have an
-- hourly rate; every member has a default rate. 60 clients, 300 projects (250 for clients, 50 internal), 4 tasks
-- each, 30 tags. The newest :entries of that schedule are kept, so fewer entries span fewer days: 10,000,000 are
-- five years (1,250 working days), 1,000,000 six months, 100,000 about two weeks.
-- Random choices use setseed, so two runs with the same :entries seed the same rows (ids aside).
\set ON_ERROR_STOP on
\timing on
SET maintenance_work_mem = '512MB';
SET work_mem = '64MB';
-- Bulk load: foreign keys are not checked row by row (every reference below is to a row made here), and the entries'
-- secondary indexes are built once afterwards rather than maintained per row.
SET session_replication_role = replica;
SELECT setseed(0.21);

INSERT INTO users (email, name, created_at, updated_at, timezone, email_verified)
SELECT 'seeded-' || g || '-' || :org || '@example.test', 'Member ' || lpad(g::text, 4, '0'), now(), now(), 'Europe/Berlin', TRUE
FROM generate_series(1, 1000 - (SELECT count(*) FROM users WHERE timezone = 'Europe/Berlin')) g;
INSERT INTO memberships (organization_id, user_id, role, created_at)
SELECT :org, u.id, 'member', now() FROM users u
WHERE u.timezone = 'Europe/Berlin' AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id);
UPDATE users SET default_hourly_rate = 50 + id % 50 WHERE id IN (SELECT user_id FROM memberships WHERE organization_id = :org);

INSERT INTO clients (organization_id, name, created_at) SELECT :org, 'Client ' || lpad(g::text, 2, '0'), now() FROM generate_series(1, 60) g;
INSERT INTO projects (organization_id, client_id, name, hourly_rate, created_at, updated_at)
SELECT :org, CASE WHEN g <= 250 THEN c.ids[1 + g % 60] END, CASE WHEN g <= 250 THEN 'Project ' ELSE 'Internal ' END || lpad(g::text, 3, '0'),
       CASE WHEN g <= 250 AND g % 3 <> 0 THEN 60 + (g * 7) % 90 END, now(), now()
FROM (SELECT array_agg(id ORDER BY id) ids FROM clients WHERE organization_id = :org) c, generate_series(1, 300) g;
INSERT INTO tasks (project_id, name, created_at)
SELECT p.id, (ARRAY['Design', 'Build', 'Review', 'Meetings'])[t], now() FROM projects p, generate_series(1, 4) t WHERE p.organization_id = :org;
INSERT INTO tags (organization_id, name) SELECT :org, 'tag-' || lpad(g::text, 2, '0') FROM generate_series(1, 30) g;

-- The entries' secondary indexes, dropped for the load and made again from their own definitions.
CREATE TEMP TABLE seed_indexes AS SELECT indexname, indexdef FROM pg_indexes
WHERE tablename = 'time_entries' AND indexname <> 'pk_time_entries';
SELECT format('DROP INDEX %I', indexname) FROM seed_indexes \gexec

-- Members by number (0..999), projects by number (1..300), each project's tasks, and the working days, newest last.
CREATE TEMP TABLE seed_members AS
SELECT (row_number() OVER (ORDER BY m.user_id) - 1)::int AS m, m.user_id, u.default_hourly_rate AS rate
FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = :org;
CREATE TEMP TABLE seed_projects AS
SELECT row_number() OVER (ORDER BY p.id)::int AS n, p.id, (SELECT array_agg(t.id ORDER BY t.id) FROM tasks t WHERE t.project_id = p.id) AS tasks,
       p.client_id IS NOT NULL AS for_client, p.hourly_rate AS rate
FROM projects p WHERE p.organization_id = :org;
CREATE TEMP TABLE seed_days AS
SELECT row_number() OVER (ORDER BY d)::int AS n, d::date AS day
FROM (SELECT d FROM generate_series(current_date - 1 - (CEIL(:entries / 8000.0) * 7 / 5 + 14)::int, current_date - 1, interval '1 day') d
      WHERE extract(isodow FROM d) < 6 ORDER BY d DESC LIMIT CEIL(:entries / 8000.0)) w;

-- Entry number k = ((day - 1) * 1000 + member) * 8 + slot; the oldest are skipped so that exactly :entries remain.
INSERT INTO time_entries (organization_id, user_id, project_id, task_id, started_at, ended_at, duration_seconds, description, billable,
                          hourly_rate, source, created_at, updated_at)
SELECT :org, m.user_id, p.id, CASE WHEN x.r_task < 0.8 THEN p.tasks[1 + floor(x.r_task / 0.2)::int] END, x.started_at,
       x.started_at + x.seconds * interval '1 second', x.seconds, 'Work', p.for_client AND x.r_billable < 0.9, COALESCE(p.rate, m.rate), 'import',
       x.started_at + x.seconds * interval '1 second', x.started_at + x.seconds * interval '1 second'
FROM seed_days d
CROSS JOIN seed_members m
CROSS JOIN generate_series(0, 7) s
-- (The lateral names the member, so that each member's row draws its own numbers rather than sharing the day's.)
CROSS JOIN LATERAL (SELECT random() + 0 * m.m AS r_project, random() AS r_task, random() AS r_billable, 1800 + floor(random() * 1801)::int AS seconds,
                           ((d.day + time '08:00' + s * interval '65 minutes' + floor(random() * 5) * interval '1 minute')
                               AT TIME ZONE 'Europe/Berlin') AS started_at) x
JOIN seed_projects p ON p.n = CASE WHEN x.r_project < 0.15 THEN 251 + m.m % 50 ELSE 1 + ((m.m % 75) * 3 + floor(x.r_project * 3)::int) % 250 END
WHERE ((d.n - 1) * 1000 + m.m) * 8 + s >= (SELECT count(*) FROM seed_days) * 8000 - :entries
ORDER BY d.n, s, m.m;

SELECT indexdef FROM seed_indexes \gexec

-- Tags: one entry in three has one, one in ten of those a second (possibly the same one: then it has one), spread
-- over the 30 tags. (The 10M run recorded in bench/README.md had only 11 of them in use; see there.)
INSERT INTO time_entry_tags (time_entry_id, tag_id)
SELECT e.id, t.ids[1 + (e.id / 3 * 7919) % 30] FROM time_entries e, (SELECT array_agg(id ORDER BY id) ids FROM tags WHERE organization_id = :org) t
WHERE e.organization_id = :org AND e.id % 3 = 0
UNION
SELECT e.id, t.ids[1 + (e.id / 30 * 104729 + 7) % 30] FROM time_entries e, (SELECT array_agg(id ORDER BY id) ids FROM tags WHERE organization_id = :org) t
WHERE e.organization_id = :org AND e.id % 30 = 0;

RESET session_replication_role;
VACUUM ANALYZE time_entries;
VACUUM ANALYZE time_entry_tags;
ANALYZE;
SELECT count(*) AS entries, min(started_at)::date AS first_day, max(started_at)::date AS last_day,
       pg_size_pretty(pg_table_size('time_entries')) AS entries_table, pg_size_pretty(pg_indexes_size('time_entries')) AS entries_indexes,
       (SELECT count(*) FROM time_entry_tags) AS tag_links
FROM time_entries WHERE organization_id = :org;
