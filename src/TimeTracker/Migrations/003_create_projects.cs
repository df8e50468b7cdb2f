using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("003", DownRevision = "002", Message = "create projects")]
internal sealed class M003_CreateProjects : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("projects", t =>
        {
            t.Id();
            t.References("client_id", "clients", ReferentialAction.SetNull);
            t.String("name", 255).NotNull();
            t.Text("description");
            t.Timestamps();
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("projects");
    }
}
