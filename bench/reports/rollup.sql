-- The prototype of docs/reports-at-scale.md, in the bench's database only (not a revision): daily totals of finished
-- entries per UTC day, kept by triggers in the transaction of every change to an entry or its tags, then filled from
-- the entries already there.
--   report_user_days     (organization, UTC day, member)   group by member
--   report_project_days  (organization, UTC day, project)  group by project, client, day; their filters
--   report_tag_days      (organization, UTC day, tag or 0) group by tag (an entry under each of its tags, or under 0
--                                                          when it has none)
-- Billability and rates are columns, not keys (see report_sums), so each holds one row per day and key.
-- The real revision reads the entry's own fixed rate (the rates work of issue 21); this prototype stands in for it
-- with what reports charge today, the project's rate else the member's default.
--   psql -f bench/reports/rollup.sql
\set ON_ERROR_STOP on
\timing on
-- Run again, it starts over.
DROP TABLE IF EXISTS report_user_days, report_project_days, report_tag_days;
DROP FUNCTION IF EXISTS report_days_entry, report_days_entry_gone, report_days_tags, report_days_add, report_tags_add, report_moved, report_sums_of,
  report_rate CASCADE;
DROP TYPE IF EXISTS report_sums CASCADE;

-- What every total holds: entries and seconds, of which billable, billable without a rate, and the billable ones'
-- seconds times their hourly rate in cents (an integer: the amount is that / 360,000, rounded once per group).
CREATE TYPE report_sums AS (entries bigint, seconds bigint, billable_entries bigint, billable_seconds bigint, unrated_seconds bigint,
  cent_seconds bigint);
CREATE TABLE report_user_days (organization_id bigint NOT NULL, day date NOT NULL, user_id bigint NOT NULL, LIKE report_sums,
  PRIMARY KEY (organization_id, day, user_id));
CREATE TABLE report_project_days (organization_id bigint NOT NULL, day date NOT NULL, project_id bigint NOT NULL, LIKE report_sums,
  PRIMARY KEY (organization_id, day, project_id));
CREATE TABLE report_tag_days (organization_id bigint NOT NULL, day date NOT NULL, tag_id bigint NOT NULL, LIKE report_sums,
  PRIMARY KEY (organization_id, day, tag_id));

-- The stand-in for the entry's fixed rate (see above), in cents; NULL for none.
CREATE FUNCTION report_rate(project bigint, member bigint) RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT round(COALESCE(p.hourly_rate, u.default_hourly_rate) * 100)::bigint FROM users u LEFT JOIN projects p ON p.id = project WHERE u.id = member $$;

-- One entry's sums (sign 1), or their opposite (sign -1).
CREATE FUNCTION report_sums_of(e time_entries, sign int) RETURNS report_sums LANGUAGE sql STABLE AS $$
  SELECT sign::bigint, sign::bigint * e.duration_seconds, CASE WHEN e.billable THEN sign ELSE 0 END,
         CASE WHEN e.billable THEN sign::bigint * e.duration_seconds ELSE 0 END,
         CASE WHEN e.billable AND r IS NULL THEN sign::bigint * e.duration_seconds ELSE 0 END,
         CASE WHEN e.billable AND r IS NOT NULL THEN sign::bigint * e.duration_seconds * r ELSE 0 END
  FROM (SELECT report_rate(e.project_id, e.user_id) AS r) x $$;

-- Adds one entry (sign 1) or takes it away (sign -1) from every total it counts in; its tags as they are now.
CREATE FUNCTION report_days_add(e time_entries, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  d date := (e.started_at AT TIME ZONE 'UTC')::date;
  s report_sums := report_sums_of(e, sign);
BEGIN
  INSERT INTO report_user_days VALUES (e.organization_id, d, e.user_id, (s).*)
    ON CONFLICT (organization_id, day, user_id) DO UPDATE SET
      entries = report_user_days.entries + excluded.entries, seconds = report_user_days.seconds + excluded.seconds,
      billable_entries = report_user_days.billable_entries + excluded.billable_entries,
      billable_seconds = report_user_days.billable_seconds + excluded.billable_seconds,
      unrated_seconds = report_user_days.unrated_seconds + excluded.unrated_seconds, cent_seconds = report_user_days.cent_seconds + excluded.cent_seconds;
  INSERT INTO report_project_days VALUES (e.organization_id, d, COALESCE(e.project_id, 0), (s).*)
    ON CONFLICT (organization_id, day, project_id) DO UPDATE SET
      entries = report_project_days.entries + excluded.entries, seconds = report_project_days.seconds + excluded.seconds,
      billable_entries = report_project_days.billable_entries + excluded.billable_entries,
      billable_seconds = report_project_days.billable_seconds + excluded.billable_seconds,
      unrated_seconds = report_project_days.unrated_seconds + excluded.unrated_seconds,
      cent_seconds = report_project_days.cent_seconds + excluded.cent_seconds;
  PERFORM report_tags_add(e.organization_id, d, t.tag_id, s)
  FROM (SELECT l.tag_id FROM time_entry_tags l WHERE l.time_entry_id = e.id
        UNION ALL SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM time_entry_tags l WHERE l.time_entry_id = e.id)) t;
END $$;

CREATE FUNCTION report_tags_add(org bigint, d date, tag bigint, s report_sums) RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_tag_days VALUES (org, d, tag, (s).*)
    ON CONFLICT (organization_id, day, tag_id) DO UPDATE SET
      entries = report_tag_days.entries + excluded.entries, seconds = report_tag_days.seconds + excluded.seconds,
      billable_entries = report_tag_days.billable_entries + excluded.billable_entries,
      billable_seconds = report_tag_days.billable_seconds + excluded.billable_seconds,
      unrated_seconds = report_tag_days.unrated_seconds + excluded.unrated_seconds, cent_seconds = report_tag_days.cent_seconds + excluded.cent_seconds $$;

-- An entry's change: the old version leaves its totals, the new one joins its own. Running timers (no duration)
-- count nowhere. The removal runs BEFORE the delete, while the entry's tags are still there (the cascade removes
-- them after).
CREATE FUNCTION report_days_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.duration_seconds IS NOT NULL THEN PERFORM report_days_add(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.duration_seconds IS NOT NULL THEN PERFORM report_days_add(NEW, 1); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER report_days_insert AFTER INSERT ON time_entries FOR EACH ROW EXECUTE FUNCTION report_days_entry();
CREATE TRIGGER report_days_update AFTER UPDATE OF organization_id, user_id, project_id, started_at, duration_seconds, billable ON time_entries
  FOR EACH ROW WHEN ((OLD.organization_id, OLD.user_id, OLD.project_id, OLD.started_at, OLD.duration_seconds, OLD.billable)
                 IS DISTINCT FROM (NEW.organization_id, NEW.user_id, NEW.project_id, NEW.started_at, NEW.duration_seconds, NEW.billable))
  EXECUTE FUNCTION report_days_entry();
CREATE FUNCTION report_days_entry_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.duration_seconds IS NOT NULL THEN PERFORM report_days_add(OLD, -1); END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER report_days_delete BEFORE DELETE ON time_entries FOR EACH ROW EXECUTE FUNCTION report_days_entry_gone();

-- Tags put on or taken off finished entries move them between tags, and to or from 0 ("no tag"). Statement-level:
-- PostgreSQL runs row-level AFTER triggers once the whole statement is done, so a row's trigger could not tell
-- whether the entry had other tags before the statement (two tags put on at once would each see the other).
-- Entries being deleted are gone already; their totals were taken away before (report_days_delete).
CREATE FUNCTION report_days_tags() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  dir int := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
BEGIN
  -- Each tag put on (taken off) counts the entry there (no longer); an entry that had none before leaves 0, one left
  -- with none joins it.
  INSERT INTO report_tag_days
  WITH k AS (
    SELECT time_entry_id, tag_id, dir AS sign FROM changed
    UNION ALL
    SELECT n.time_entry_id, 0, -dir FROM (SELECT time_entry_id, count(*) AS c FROM changed GROUP BY 1) n
    WHERE (SELECT count(*) FROM time_entry_tags l WHERE l.time_entry_id = n.time_entry_id) = CASE WHEN dir = 1 THEN n.c ELSE 0 END)
  SELECT e.organization_id, (e.started_at AT TIME ZONE 'UTC')::date, k.tag_id, sum(k.sign), sum(k.sign * e.duration_seconds),
         COALESCE(sum(k.sign) FILTER (WHERE e.billable), 0), COALESCE(sum(k.sign * e.duration_seconds) FILTER (WHERE e.billable), 0),
         COALESCE(sum(k.sign * e.duration_seconds) FILTER (WHERE e.billable AND r.cents IS NULL), 0),
         COALESCE(sum(k.sign * e.duration_seconds * r.cents) FILTER (WHERE e.billable), 0)
  FROM k JOIN time_entries e ON e.id = k.time_entry_id AND e.duration_seconds IS NOT NULL
  JOIN users u ON u.id = e.user_id LEFT JOIN projects p ON p.id = e.project_id
  CROSS JOIN LATERAL (SELECT round(COALESCE(p.hourly_rate, u.default_hourly_rate) * 100)::bigint AS cents) r
  GROUP BY 1, 2, 3
  ON CONFLICT (organization_id, day, tag_id) DO UPDATE SET
    entries = report_tag_days.entries + excluded.entries, seconds = report_tag_days.seconds + excluded.seconds,
    billable_entries = report_tag_days.billable_entries + excluded.billable_entries,
    billable_seconds = report_tag_days.billable_seconds + excluded.billable_seconds,
    unrated_seconds = report_tag_days.unrated_seconds + excluded.unrated_seconds, cent_seconds = report_tag_days.cent_seconds + excluded.cent_seconds;
  RETURN NULL;
END $$;
CREATE TRIGGER report_days_tags_on AFTER INSERT ON time_entry_tags REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_days_tags();
CREATE TRIGGER report_days_tags_off AFTER DELETE ON time_entry_tags REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_days_tags();

-- Filling the totals from the entries already there (the revision's data step), in one pass per table.
SET work_mem = '256MB';
CREATE TEMP TABLE report_fill AS
SELECT e.id, e.organization_id, (e.started_at AT TIME ZONE 'UTC')::date AS day, e.user_id, COALESCE(e.project_id, 0) AS project_id,
       1 AS entries, e.duration_seconds::bigint AS seconds, e.billable::int AS billable_entries,
       CASE WHEN e.billable THEN e.duration_seconds ELSE 0 END::bigint AS billable_seconds,
       CASE WHEN e.billable AND r.cents IS NULL THEN e.duration_seconds ELSE 0 END::bigint AS unrated_seconds,
       CASE WHEN e.billable THEN e.duration_seconds * COALESCE(r.cents, 0) ELSE 0 END::bigint AS cent_seconds
FROM time_entries e JOIN users u ON u.id = e.user_id LEFT JOIN projects p ON p.id = e.project_id,
     LATERAL (SELECT round(COALESCE(p.hourly_rate, u.default_hourly_rate) * 100)::bigint AS cents) r
WHERE e.duration_seconds IS NOT NULL;
INSERT INTO report_user_days SELECT organization_id, day, user_id, count(*), sum(seconds), sum(billable_entries), sum(billable_seconds),
  sum(unrated_seconds), sum(cent_seconds) FROM report_fill GROUP BY 1, 2, 3;
INSERT INTO report_project_days SELECT organization_id, day, project_id, count(*), sum(seconds), sum(billable_entries), sum(billable_seconds),
  sum(unrated_seconds), sum(cent_seconds) FROM report_fill GROUP BY 1, 2, 3;
INSERT INTO report_tag_days
SELECT f.organization_id, f.day, COALESCE(l.tag_id, 0), count(*), sum(f.seconds), sum(f.billable_entries), sum(f.billable_seconds),
  sum(f.unrated_seconds), sum(f.cent_seconds)
FROM report_fill f LEFT JOIN time_entry_tags l ON l.time_entry_id = f.id GROUP BY 1, 2, 3;
DROP TABLE report_fill;
VACUUM ANALYZE report_user_days;
VACUUM ANALYZE report_project_days;
VACUUM ANALYZE report_tag_days;
SELECT relname, n_live_tup AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size FROM pg_stat_user_tables
WHERE relname LIKE 'report_%_days' ORDER BY relname;

-- The entries a report counts on another day than their UTC day, for the days first to last in the caller's zone:
-- near midnight, between the UTC day's bounds and the local day's. Each is added to its local day and taken away from
-- its UTC day (days outside first to last left out). The application computes these windows with LocalCalendar; the
-- prototype with AT TIME ZONE. The planner cannot know how few entries the windows hold: inlined, it guessed a ninth
-- of the table per window, and that guess turned JIT compilation on (60 ms for no rows). So the function is PL/pgSQL
-- (the report's plan counts on 100 rows) and runs with JIT off.
CREATE FUNCTION report_moved(org bigint, first date, last date, zone text)
RETURNS TABLE (day date, id bigint, user_id bigint, project_id bigint, entries bigint, seconds bigint, billable_entries bigint,
               billable_seconds bigint, unrated_seconds bigint, cent_seconds bigint)
LANGUAGE plpgsql STABLE ROWS 100 SET jit = off AS $$
#variable_conflict use_column
BEGIN RETURN QUERY
  WITH days AS (
    SELECT first + i AS day, ((first + i)::timestamp AT TIME ZONE zone) AS lo, ((first + i + 1)::timestamp AT TIME ZONE zone) AS hi,
           ((first + i)::timestamp AT TIME ZONE 'UTC') AS ulo, ((first + i + 1)::timestamp AT TIME ZONE 'UTC') AS uhi
    FROM generate_series(-1, last - first + 1) i),
  windows AS (
    SELECT day AS utc_day, day - 1 AS local_day, ulo AS lo, LEAST(lo, uhi) AS hi FROM days WHERE lo > ulo
    UNION ALL SELECT day, day + 1, GREATEST(hi, ulo), uhi FROM days WHERE hi < uhi)
  SELECT v.day, e.id, e.user_id, COALESCE(e.project_id, 0), (report_sums_of(e, v.sign)).*
  FROM windows w JOIN time_entries e ON e.organization_id = org AND e.started_at >= w.lo AND e.started_at < w.hi AND e.duration_seconds IS NOT NULL
  CROSS JOIN LATERAL (VALUES (w.local_day, 1), (w.utc_day, -1)) v(day, sign)
  WHERE v.day BETWEEN first AND last;
END $$;
