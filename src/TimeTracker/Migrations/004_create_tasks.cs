using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("004", DownRevision = "003", Message = "create tasks")]
internal sealed class M004_CreateTasks : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("tasks", t =>
        {
            t.Id();
            t.References("project_id", "projects", ReferentialAction.Cascade).NotNull();
            t.String("name", 255).NotNull();
            t.Timestamp("created_at").NotNull();
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("tasks");
    }
}
