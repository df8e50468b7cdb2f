using Waymark.Revisions;

namespace TimeTracker.Migrations;

[Revision("002", DownRevision = "001", Message = "create clients")]
internal sealed class M002_CreateClients : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("clients", t =>
        {
            t.Id();
            t.String("name", 255).NotNull();
            t.String("email", 255);
            t.Timestamp("created_at").NotNull();
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("clients");
    }
}
