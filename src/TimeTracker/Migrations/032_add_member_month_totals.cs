using Waymark.Revisions;
using Waymark.Schema;
using static TimeTracker.Migrations.ReportTotalsSql;

namespace TimeTracker.Migrations;

/// <summary>
/// Monthly totals per member, so that a month's summary by member reads a row per member instead of one per member and
/// day (docs/reports-at-scale.md, "By member: monthly totals"):
/// <list type="bullet">
/// <item><c>report_user_months</c>, keyed by organization, the first day of the UTC month of the start, and member, with
/// revision 031's six sums. A summary reads it for the whole UTC months of its range, and the daily rows for the rest.
/// </item>
/// <item>An index of <c>report_user_days</c> by member, so that the days of the few members a summary breaks down are
/// read as a short range each, not picked out of every member's days.</item>
/// <item>Triggers keep the months in the transaction of every change to an entry, as 031's keep the days: an insert adds
/// the entry, a change of what the months count takes the old version away and adds the new, a delete takes it away.
/// Taking away only updates rows, so that an organization's deletion can cascade in either order.</item>
/// <item>The months are filled from 031's daily rows, which hold the same sums (a tenth as many rows as entries).</item>
/// </list>
/// The downgrade drops the triggers, their functions, the index and the table.
/// </summary>
[Revision("032", DownRevision = "031", Message = "add member month totals")]
internal sealed class M032_AddMemberMonthTotals : Migration
{
    private const string Table = "report_user_months";
    private const string Keys = "organization_id, month, user_id";

    // The columns of an entry the months count: the project and the day within the month do not matter here.
    private static readonly string[] Counted = ["organization_id", "user_id", "started_at", "duration_seconds", "billable", "hourly_rate"];

    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable(Table, t =>
        {
            t.References("organization_id", "organizations", ReferentialAction.Cascade).NotNull();
            t.Date("month").NotNull();
            t.BigInt("user_id").NotNull();
            foreach (var sum in Sums)
                t.BigInt(sum).NotNull();
            t.PrimaryKey("organization_id", "month", "user_id");
        });
        migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal) { ["sqlite"] = SqliteTriggers(), ["postgres"] = PostgresTriggers() });
        migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sqlite"] = Fill(Sqlite.UtcMonth("d.day")), ["postgres"] = Fill("CAST(date_trunc('month', CAST(d.day AS timestamp)) AS date)"),
        });
        // Built without blocking the entries' writes, whose triggers write the member days (1.25 M rows at 10 M entries).
        migrate.CreateIndex("report_user_days", ["organization_id", "user_id", "day"], concurrently: true);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sqlite"] = "DROP TRIGGER report_months_insert;\nDROP TRIGGER report_months_update_old;\n" +
                         "DROP TRIGGER report_months_update_new;\nDROP TRIGGER report_months_delete;",
            ["postgres"] =
                "DROP TRIGGER report_months_insert ON time_entries;\nDROP TRIGGER report_months_update ON time_entries;\n" +
                "DROP TRIGGER report_months_delete ON time_entries;\n" +
                "DROP FUNCTION report_months_added();\nDROP FUNCTION report_months_changed();\nDROP FUNCTION report_months_removed();",
        });
        migrate.DropIndex("report_user_days", "ix_report_user_days_organization_id_user_id_day", concurrently: true);
        migrate.DropTable(Table);
    }

    // Adds the entry row `e` (NEW) to its member's month.
    private static string Add(ReportTotalsDialect dialect, string e) =>
        $"INSERT INTO {Table} {Columns(Keys)} VALUES ({e}.organization_id, {dialect.UtcMonth($"{e}.started_at")}, {e}.user_id, " +
        $"{string.Join(", ", PartsOf(e, "1"))}){Upsert(Table, Keys)}";

    // Takes the entry row `e` (OLD) away from its member's month: an update only.
    private static string Remove(ReportTotalsDialect dialect, string e) =>
        $"UPDATE {Table} SET {Subtract(e)} WHERE organization_id = {e}.organization_id " +
        $"AND month = {dialect.UtcMonth($"{e}.started_at")} AND user_id = {e}.user_id";

    private static string SqliteTriggers()
    {
        var changed = string.Join(" OR ", Counted.Select(c => $"OLD.{c} IS NOT NEW.{c}"));
        var of = string.Join(", ", Counted);
        return
            "CREATE TRIGGER report_months_insert AFTER INSERT ON time_entries WHEN NEW.duration_seconds IS NOT NULL BEGIN\n" +
            $"  {Add(Sqlite, "NEW")};\nEND;\n" +
            $"CREATE TRIGGER report_months_update_old AFTER UPDATE OF {of} ON time_entries " +
            $"WHEN OLD.duration_seconds IS NOT NULL AND ({changed}) BEGIN\n  {Remove(Sqlite, "OLD")};\nEND;\n" +
            $"CREATE TRIGGER report_months_update_new AFTER UPDATE OF {of} ON time_entries " +
            $"WHEN NEW.duration_seconds IS NOT NULL AND ({changed}) BEGIN\n  {Add(Sqlite, "NEW")};\nEND;\n" +
            "CREATE TRIGGER report_months_delete AFTER DELETE ON time_entries WHEN OLD.duration_seconds IS NOT NULL BEGIN\n" +
            $"  {Remove(Sqlite, "OLD")};\nEND;";
    }

    private static string PostgresTriggers()
    {
        var of = string.Join(", ", Counted);
        return
            "CREATE FUNCTION report_months_added() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" +
            $"  {Add(Postgres, "NEW")};\n  RETURN NULL;\nEND $$;\n" +
            "CREATE FUNCTION report_months_changed() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" +
            $"  IF OLD.duration_seconds IS NOT NULL THEN\n    {Remove(Postgres, "OLD")};\n  END IF;\n" +
            $"  IF NEW.duration_seconds IS NOT NULL THEN\n    {Add(Postgres, "NEW")};\n  END IF;\n  RETURN NULL;\nEND $$;\n" +
            "CREATE FUNCTION report_months_removed() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" +
            $"  {Remove(Postgres, "OLD")};\n  RETURN NULL;\nEND $$;\n" +
            "CREATE TRIGGER report_months_insert AFTER INSERT ON time_entries FOR EACH ROW WHEN (NEW.duration_seconds IS NOT NULL) " +
            "EXECUTE FUNCTION report_months_added();\n" +
            $"CREATE TRIGGER report_months_update AFTER UPDATE OF {of} ON time_entries FOR EACH ROW " +
            $"WHEN (({string.Join(", ", Counted.Select(c => "OLD." + c))}) " +
            $"IS DISTINCT FROM ({string.Join(", ", Counted.Select(c => "NEW." + c))})) " +
            "EXECUTE FUNCTION report_months_changed();\n" +
            "CREATE TRIGGER report_months_delete AFTER DELETE ON time_entries FOR EACH ROW WHEN (OLD.duration_seconds IS NOT NULL) " +
            "EXECUTE FUNCTION report_months_removed();";
    }

    // The months summed from revision 031's days, in key order (the order a month's summary reads them in).
    private static string Fill(string monthOfDay) =>
        $"INSERT INTO {Table} {Columns(Keys)} SELECT d.organization_id, {monthOfDay}, d.user_id, " +
        string.Join(", ", Sums.Select(s => $"SUM(d.{s})")) +
        $" FROM report_user_days d GROUP BY d.organization_id, {monthOfDay}, d.user_id ORDER BY 1, 2, 3";
}
