using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("014", DownRevision = "013", Message = "add project archiving")]
internal sealed class M014_AddProjectArchiving : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.AddColumn("projects", "archived", ColumnType.Bool, nullable: false, defaultValue: false);
        migrate.AddColumn("projects", "archived_at", ColumnType.Timestamp);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropColumn("projects", "archived_at");
        migrate.DropColumn("projects", "archived");
    }
}
