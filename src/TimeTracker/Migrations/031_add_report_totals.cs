using Waymark.Revisions;
using Waymark.Schema;
using static TimeTracker.Migrations.ReportTotalsSql;

namespace TimeTracker.Migrations;

/// <summary>
/// Daily totals of finished time entries, so that a month's summary of a large organization reads a few thousand rows
/// instead of every entry of the month (docs/reports-at-scale.md):
/// <list type="bullet">
/// <item><c>report_user_days</c>, <c>report_project_days</c> (0: no project) and <c>report_tag_days</c> (0: no tag; an
/// entry counts under each of its tags), keyed by organization, UTC day of the start and that one dimension. Each holds
/// the entries and seconds, of which billable, billable without a rate, and the billable seconds times the entry's
/// fixed hourly rate in cents (an integer, so the sums stay exact on both databases).</item>
/// <item>Triggers keep them in the transaction of every change to an entry or its tags, whatever wrote it: an insert
/// adds the entry, a change of what the totals count takes the old version away and adds the new, and a delete takes
/// it away before the row goes (while its tags are still there). Taking away only updates rows, never inserts, so
/// that an organization's deletion can cascade to its entries and its totals in either order. Running timers count
/// nowhere. PostgreSQL's tag triggers are per statement: its row triggers run after the whole statement, when a row
/// could no longer tell whether its entry had other tags before.</item>
/// <item>The tables are filled from the entries already there. Rows whose count falls to 0 stay (reads skip them):
/// deleting them would race with concurrent additions to the same key.</item>
/// </list>
/// The downgrade drops the triggers, their functions and the tables.
/// </summary>
[Revision("031", DownRevision = "030", Message = "add report totals")]
internal sealed class M031_AddReportTotals : Migration
{
    // The columns of an entry the totals count: a change of any other (description, the invoice's lock) touches nothing.
    private static readonly string[] Counted =
        ["organization_id", "user_id", "project_id", "started_at", "duration_seconds", "billable", "hourly_rate"];

    // The entries' triggers; the links' are written here.
    private static readonly EntryTotalsTriggers Entries = new("report_days", Counted, Add, Remove);

    private static readonly string[] SqliteTriggerNames = ["insert", "update_old", "update_new", "delete", "tag_on", "tag_off"];

    private static readonly (string Table, string Key)[] Tables =
        [("report_user_days", "user_id"), ("report_project_days", "project_id"), ("report_tag_days", "tag_id")];

    public override void Upgrade(MigrationBuilder migrate)
    {
        foreach (var (table, key) in Tables)
        {
            migrate.CreateTable(table, t =>
            {
                t.References("organization_id", "organizations", ReferentialAction.Cascade).NotNull();
                t.Date("day").NotNull();
                t.BigInt(key).NotNull();
                foreach (var sum in Sums)
                    t.BigInt(sum).NotNull();
                t.PrimaryKey("organization_id", "day", key);
            });
        }

        migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal) { ["sqlite"] = SqliteTriggers(), ["postgres"] = PostgresTriggers() });
        foreach (var (table, key) in Tables)
        {
            migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["sqlite"] = Fill(Sqlite, table, key), ["postgres"] = Fill(Postgres, table, key),
            });
        }
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sqlite"] = string.Concat(SqliteTriggerNames.Select(t => $"DROP TRIGGER report_days_{t};\n")),
            ["postgres"] =
                "DROP TRIGGER report_days_insert ON time_entries;\nDROP TRIGGER report_days_update ON time_entries;\n" +
                "DROP TRIGGER report_days_delete ON time_entries;\nDROP TRIGGER report_days_tag_on ON time_entry_tags;\n" +
                "DROP TRIGGER report_days_tag_off ON time_entry_tags;\n" +
                "DROP FUNCTION report_days_added();\nDROP FUNCTION report_days_changed();\nDROP FUNCTION report_days_removed();\n" +
                "DROP FUNCTION report_days_tags();",
        });
        foreach (var (table, _) in Tables.Reverse())
            migrate.DropTable(table);
    }

    // The tags an entry counts under: each of its own, or 0 when it has none.
    private static string TagsOf(string entryId) =>
        $"SELECT l.tag_id FROM time_entry_tags l WHERE l.time_entry_id = {entryId} " +
        $"UNION ALL SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM time_entry_tags l WHERE l.time_entry_id = {entryId})";

    private static string Upsert(string table, string key) => ReportTotalsSql.Upsert(table, $"organization_id, day, {key}");

    private static string Columns(string key) => ReportTotalsSql.Columns($"organization_id, day, {key}");

    // The statements that add the entry row `e` (NEW) to the three tables.
    private static string[] Add(ReportTotalsDialect dialect, string e)
    {
        var parts = string.Join(", ", PartsOf(e, "1"));
        var day = dialect.UtcDate($"{e}.started_at");
        return
        [
            $"INSERT INTO report_user_days {Columns("user_id")} VALUES ({e}.organization_id, {day}, {e}.user_id, {parts})" +
            Upsert("report_user_days", "user_id"),
            $"INSERT INTO report_project_days {Columns("project_id")} VALUES ({e}.organization_id, {day}, COALESCE({e}.project_id, 0), {parts})" +
            Upsert("report_project_days", "project_id"),
            $"INSERT INTO report_tag_days {Columns("tag_id")} SELECT {e}.organization_id, {day}, t.tag_id, {parts} " +
            $"FROM ({TagsOf($"{e}.id")}) t WHERE true" +
            Upsert("report_tag_days", "tag_id"),
        ];
    }

    // The statements that take the entry row `e` (OLD) away from the three tables: updates only (see the summary).
    private static string[] Remove(ReportTotalsDialect dialect, string e)
    {
        var set = Subtract(e);
        var at = $"organization_id = {e}.organization_id AND day = {dialect.UtcDate($"{e}.started_at")}";
        return
        [
            $"UPDATE report_user_days SET {set} WHERE {at} AND user_id = {e}.user_id",
            $"UPDATE report_project_days SET {set} WHERE {at} AND project_id = COALESCE({e}.project_id, 0)",
            $"UPDATE report_tag_days SET {set} WHERE {at} AND tag_id IN ({TagsOf($"{e}.id")})",
        ];
    }

    // Each tag put on (`sign` 1) or taken off (-1) a finished entry, and the move from or to 0 that goes with it, as
    // rows k(time_entry_id, tag_id, sign) summed into report_tag_days. Entries gone, or of an organization being
    // deleted, count nowhere any more.
    private static string TagMoves(ReportTotalsDialect dialect, string moves)
    {
        var day = dialect.UtcDate("e.started_at");
        return $"INSERT INTO report_tag_days {Columns("tag_id")} SELECT e.organization_id, {day}, k.tag_id, " +
               string.Join(", ", PartsOf("e", "k.sign").Select(p => $"SUM({p})")) +
               $" FROM ({moves}) k JOIN time_entries e ON e.id = k.time_entry_id AND e.duration_seconds IS NOT NULL " +
               $"JOIN organizations o ON o.id = e.organization_id GROUP BY e.organization_id, {day}, k.tag_id" + Upsert("report_tag_days", "tag_id");
    }

    private static string SqliteTriggers()
    {
        // SQLite runs row triggers as each row changes, so a link's trigger sees the entry's other links as they are.
        var tagOn = TagMoves(Sqlite,
            "SELECT NEW.time_entry_id AS time_entry_id, NEW.tag_id AS tag_id, 1 AS sign UNION ALL SELECT NEW.time_entry_id, 0, -1 " +
            "WHERE (SELECT COUNT(*) FROM time_entry_tags l WHERE l.time_entry_id = NEW.time_entry_id) = 1");
        var tagOff = TagMoves(Sqlite,
            "SELECT OLD.time_entry_id AS time_entry_id, OLD.tag_id AS tag_id, -1 AS sign UNION ALL SELECT OLD.time_entry_id, 0, 1 " +
            "WHERE NOT EXISTS (SELECT 1 FROM time_entry_tags l WHERE l.time_entry_id = OLD.time_entry_id)");
        return Entries.Sqlite() +
            $"CREATE TRIGGER report_days_tag_on AFTER INSERT ON time_entry_tags BEGIN\n{EntryTotalsTriggers.Body([tagOn])}END;\n" +
            $"CREATE TRIGGER report_days_tag_off AFTER DELETE ON time_entry_tags BEGIN\n{EntryTotalsTriggers.Body([tagOff])}END;";
    }

    private static string PostgresTriggers()
    {
        // Per statement, with the changed links as a transition table: the entry's other links are counted once the
        // whole statement is done, so an entry given its first two tags at once leaves 0 once.
        var tags = TagMoves(Postgres,
            "SELECT c.time_entry_id, c.tag_id, dir AS sign FROM changed c " +
            "UNION ALL SELECT n.time_entry_id, 0, -dir FROM (SELECT c.time_entry_id, COUNT(*) AS links FROM changed c GROUP BY c.time_entry_id) n " +
            "WHERE (SELECT COUNT(*) FROM time_entry_tags l WHERE l.time_entry_id = n.time_entry_id) = CASE WHEN dir = 1 THEN n.links ELSE 0 END");
        return Entries.PostgresFunctions() +
            "CREATE FUNCTION report_days_tags() RETURNS trigger LANGUAGE plpgsql AS $$\nDECLARE\n" +
            "  dir int := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;\n" +
            $"BEGIN\n{EntryTotalsTriggers.Body([tags])}  RETURN NULL;\nEND $$;\n" +
            Entries.PostgresTriggers() +
            "CREATE TRIGGER report_days_tag_on AFTER INSERT ON time_entry_tags REFERENCING NEW TABLE AS changed FOR EACH STATEMENT " +
            "EXECUTE FUNCTION report_days_tags();\n" +
            "CREATE TRIGGER report_days_tag_off AFTER DELETE ON time_entry_tags REFERENCING OLD TABLE AS changed FOR EACH STATEMENT " +
            "EXECUTE FUNCTION report_days_tags();";
    }

    // One table filled from the entries already there, in one pass.
    private static string Fill(ReportTotalsDialect dialect, string table, string key)
    {
        var day = dialect.UtcDate("e.started_at");
        var (keyExpression, join) = key switch
        {
            "user_id" => ("e.user_id", ""),
            "project_id" => ("COALESCE(e.project_id, 0)", ""),
            _ => ("COALESCE(l.tag_id, 0)", " LEFT JOIN time_entry_tags l ON l.time_entry_id = e.id"),
        };
        return $"INSERT INTO {table} {Columns(key)} SELECT e.organization_id, {day}, {keyExpression}, " +
               string.Join(", ", PartsOf("e", "1").Select(p => $"SUM({p})")) +
               $" FROM time_entries e{join} WHERE e.duration_seconds IS NOT NULL GROUP BY e.organization_id, {day}, {keyExpression}";
    }
}
