using Waymark.Revisions;

namespace TimeTracker.Migrations;

[Revision("001", Message = "create users")]
internal sealed class M001_CreateUsers : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("users", t =>
        {
            t.Id();
            t.String("email", 255).NotNull().Unique();
            t.String("name", 255).NotNull();
            t.Bool("is_active").NotNull().Default(true);
            t.Timestamps();
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("users");
    }
}
