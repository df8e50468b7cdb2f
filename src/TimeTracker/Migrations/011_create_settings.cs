using Waymark.Revisions;

namespace TimeTracker.Migrations;

[Revision("011", DownRevision = "010", Message = "create settings")]
internal sealed class M011_CreateSettings : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("settings", t =>
        {
            t.String("key", 100).NotNull();
            t.Text("value");
            t.Timestamp("updated_at").NotNull();
            t.PrimaryKey("key");
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("settings");
    }
}
