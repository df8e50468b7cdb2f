using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("018", DownRevision = "017", Message = "add organizations")]
internal sealed class M018_AddOrganizations : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("organizations", t =>
        {
            t.Id();
            t.String("name", 255).NotNull();
            t.String("slug", 100).NotNull().Unique();
            t.Timestamps();
        });
        migrate.CreateTable("memberships", t =>
        {
            t.Id();
            t.References("organization_id", "organizations", ReferentialAction.Cascade).NotNull();
            t.References("user_id", "users", ReferentialAction.Cascade).NotNull();
            t.String("role", 20).NotNull().Default("member");
            t.Timestamp("created_at").NotNull();
            t.Unique("organization_id", "user_id");
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("memberships");
        migrate.DropTable("organizations");
    }
}
