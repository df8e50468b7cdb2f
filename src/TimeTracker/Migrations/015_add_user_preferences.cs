using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("015", DownRevision = "014", Message = "add user preferences")]
internal sealed class M015_AddUserPreferences : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.AddColumn("users", "timezone", ColumnType.String(64), nullable: false, defaultValue: "UTC");
        migrate.AddColumn("users", "locale", ColumnType.String(16), nullable: false, defaultValue: "en");
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropColumn("users", "locale");
        migrate.DropColumn("users", "timezone");
    }
}
