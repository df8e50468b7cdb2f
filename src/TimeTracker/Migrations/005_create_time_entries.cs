using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("005", DownRevision = "004", Message = "create time entries")]
internal sealed class M005_CreateTimeEntries : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("time_entries", t =>
        {
            t.Id();
            t.References("user_id", "users", ReferentialAction.Cascade).NotNull();
            t.References("project_id", "projects");
            t.References("task_id", "tasks");
            t.Timestamp("started_at").NotNull();
            t.Timestamp("ended_at");
            t.Int("duration_seconds");
            t.Text("description");
            t.Bool("billable").NotNull().Default(false);
            t.Timestamps();
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("time_entries");
    }
}
