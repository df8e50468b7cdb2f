using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("017", DownRevision = "016", Message = "add time entry locking")]
internal sealed class M017_AddTimeEntryLocking : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        // Set when the entry is invoiced.
        migrate.AddColumn("time_entries", "locked_at", ColumnType.Timestamp);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropColumn("time_entries", "locked_at");
    }
}
