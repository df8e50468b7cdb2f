using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("008", DownRevision = "007", Message = "add hourly rates")]
internal sealed class M008_AddHourlyRates : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.AddColumn("projects", "hourly_rate", ColumnType.Money(10, 2));
        migrate.AddColumn("users", "default_hourly_rate", ColumnType.Money(10, 2));
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropColumn("users", "default_hourly_rate");
        migrate.DropColumn("projects", "hourly_rate");
    }
}
