using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("016", DownRevision = "015", Message = "add time entry source")]
internal sealed class M016_AddTimeEntrySource : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        // One of manual, timer, import, api.
        migrate.AddColumn("time_entries", "source", ColumnType.String(20), nullable: false, defaultValue: "manual");
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropColumn("time_entries", "source");
    }
}
