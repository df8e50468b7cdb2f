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
/// <item>Triggers keep the months in the transaction of every change to an entry, as 031's keep the days
/// (<see cref="EntryTotalsTriggers"/>). Taking away only updates rows, so that an organization's deletion can cascade
/// in either order.</item>
/// <item>The months are filled from 031's daily rows, which hold the same sums (a tenth as many rows as entries). The
/// triggers are created first, in the same transaction: their lock on the entries holds writes back until the fill is
/// committed, so no write is counted twice or missed.</item>
/// </list>
/// The downgrade drops the triggers, their functions and the table.
/// </summary>
[Revision("032", DownRevision = "031", Message = "add member month totals")]
internal sealed class M032_AddMemberMonthTotals : Migration
{
    private const string Table = "report_user_months";
    private const string Keys = "organization_id, month, user_id";

    // The columns of an entry the months count: the project and the day within the month do not matter here.
    private static readonly string[] Counted = ["organization_id", "user_id", "started_at", "duration_seconds", "billable", "hourly_rate"];

    private static readonly EntryTotalsTriggers Entries =
        new("report_months", Counted, (dialect, e) => [Add(dialect, e)], (dialect, e) => [Remove(dialect, e)]);

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
        migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sqlite"] = Entries.Sqlite(), ["postgres"] = Entries.PostgresFunctions() + Entries.PostgresTriggers(),
        });
        migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sqlite"] = Fill(Sqlite.UtcMonth("d.day")), ["postgres"] = Fill("CAST(date_trunc('month', CAST(d.day AS timestamp)) AS date)"),
        });
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

    // The months summed from revision 031's days, in key order (the order a month's summary reads them in).
    private static string Fill(string monthOfDay) =>
        $"INSERT INTO {Table} {Columns(Keys)} SELECT d.organization_id, {monthOfDay}, d.user_id, " +
        string.Join(", ", Sums.Select(s => $"SUM(d.{s})")) +
        $" FROM report_user_days d GROUP BY d.organization_id, {monthOfDay}, d.user_id ORDER BY 1, 2, 3";
}
