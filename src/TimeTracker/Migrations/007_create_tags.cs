using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("007", DownRevision = "006", Message = "create tags")]
internal sealed class M007_CreateTags : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("tags", t =>
        {
            t.Id();
            t.String("name", 100).NotNull().Unique();
        });
        migrate.CreateTable("time_entry_tags", t =>
        {
            t.References("time_entry_id", "time_entries", ReferentialAction.Cascade).NotNull();
            t.References("tag_id", "tags", ReferentialAction.Cascade).NotNull();
            t.PrimaryKey("time_entry_id", "tag_id");
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("time_entry_tags");
        migrate.DropTable("tags");
    }
}
