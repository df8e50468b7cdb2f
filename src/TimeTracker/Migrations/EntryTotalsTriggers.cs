namespace TimeTracker.Migrations;

/// <summary>
/// The row triggers on <c>time_entries</c> that keep one set of report totals (revisions 031 and 032), on each
/// database: an insert adds the finished entry; a change of a counted column takes the old version away and adds the
/// new; a delete takes the entry away before the row goes (while what it links to is still there). Running timers,
/// which have no duration, count nowhere. On PostgreSQL each trigger runs a PL/pgSQL function of the same prefix.
/// </summary>
/// <param name="Prefix">The start of the triggers' and functions' names (<c>report_days</c>: <c>report_days_insert</c>…).</param>
/// <param name="Counted">The entry's columns whose change the totals follow.</param>
/// <param name="Add">The statements that add the entry row named (<c>NEW</c>), on the database given.</param>
/// <param name="Remove">The statements that take the entry row named (<c>OLD</c>) away, on the database given.</param>
internal sealed record EntryTotalsTriggers(
    string Prefix, string[] Counted, Func<ReportTotalsDialect, string, string[]> Add, Func<ReportTotalsDialect, string, string[]> Remove)
{
    /// <summary>The statements of a trigger's or function's body, one a line.</summary>
    public static string Body(IEnumerable<string> statements) => string.Concat(statements.Select(s => $"  {s};\n"));

    /// <summary>SQLite's four triggers (the change is two: the old version away, then the new one added).</summary>
    public string Sqlite()
    {
        var changed = string.Join(" OR ", Counted.Select(c => $"OLD.{c} IS NOT NEW.{c}"));
        var of = string.Join(", ", Counted);
        var sqlite = ReportTotalsSql.Sqlite;
        return
            $"CREATE TRIGGER {Prefix}_insert AFTER INSERT ON time_entries WHEN NEW.duration_seconds IS NOT NULL BEGIN\n" +
            $"{Body(Add(sqlite, "NEW"))}END;\n" +
            $"CREATE TRIGGER {Prefix}_update_old AFTER UPDATE OF {of} ON time_entries " +
            $"WHEN OLD.duration_seconds IS NOT NULL AND ({changed}) BEGIN\n" +
            $"{Body(Remove(sqlite, "OLD"))}END;\n" +
            $"CREATE TRIGGER {Prefix}_update_new AFTER UPDATE OF {of} ON time_entries " +
            $"WHEN NEW.duration_seconds IS NOT NULL AND ({changed}) BEGIN\n" +
            $"{Body(Add(sqlite, "NEW"))}END;\n" +
            $"CREATE TRIGGER {Prefix}_delete BEFORE DELETE ON time_entries WHEN OLD.duration_seconds IS NOT NULL BEGIN\n" +
            $"{Body(Remove(sqlite, "OLD"))}END;\n";
    }

    /// <summary>PostgreSQL's three trigger functions: added, changed and removed.</summary>
    public string PostgresFunctions()
    {
        var postgres = ReportTotalsSql.Postgres;
        return
            $"CREATE FUNCTION {Prefix}_added() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" +
            $"{Body(Add(postgres, "NEW"))}  RETURN NULL;\nEND $$;\n" +
            $"CREATE FUNCTION {Prefix}_changed() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" +
            $"  IF OLD.duration_seconds IS NOT NULL THEN\n{Body(Remove(postgres, "OLD"))}  END IF;\n" +
            $"  IF NEW.duration_seconds IS NOT NULL THEN\n{Body(Add(postgres, "NEW"))}  END IF;\n  RETURN NULL;\nEND $$;\n" +
            $"CREATE FUNCTION {Prefix}_removed() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" +
            $"{Body(Remove(postgres, "OLD"))}  RETURN OLD;\nEND $$;\n";
    }

    /// <summary>PostgreSQL's three row triggers, which run <see cref="PostgresFunctions"/>.</summary>
    public string PostgresTriggers()
    {
        var of = string.Join(", ", Counted);
        return
            $"CREATE TRIGGER {Prefix}_insert AFTER INSERT ON time_entries FOR EACH ROW WHEN (NEW.duration_seconds IS NOT NULL) " +
            $"EXECUTE FUNCTION {Prefix}_added();\n" +
            $"CREATE TRIGGER {Prefix}_update AFTER UPDATE OF {of} ON time_entries FOR EACH ROW " +
            $"WHEN (({string.Join(", ", Counted.Select(c => "OLD." + c))}) " +
            $"IS DISTINCT FROM ({string.Join(", ", Counted.Select(c => "NEW." + c))})) " +
            $"EXECUTE FUNCTION {Prefix}_changed();\n" +
            $"CREATE TRIGGER {Prefix}_delete BEFORE DELETE ON time_entries FOR EACH ROW WHEN (OLD.duration_seconds IS NOT NULL) " +
            $"EXECUTE FUNCTION {Prefix}_removed();\n";
    }
}
