using Waymark.Revisions;

namespace TimeTracker.Migrations;

[Revision("006", DownRevision = "005", Message = "index time entries")]
internal sealed class M006_IndexTimeEntries : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateIndex("time_entries", ["user_id", "started_at"]);
        migrate.CreateIndex("time_entries", ["project_id"]);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropIndex("time_entries", "ix_time_entries_project_id");
        migrate.DropIndex("time_entries", "ix_time_entries_user_id_started_at");
    }
}
