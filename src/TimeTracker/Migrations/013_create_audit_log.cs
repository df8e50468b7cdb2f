using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("013", DownRevision = "012", Message = "create audit log")]
internal sealed class M013_CreateAuditLog : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("audit_log", t =>
        {
            t.Id();
            t.References("user_id", "users", ReferentialAction.SetNull);
            t.String("action", 100).NotNull();
            t.String("entity_type", 100).NotNull();
            t.String("entity_id", 64);
            t.Json("details");
            t.Timestamp("created_at").NotNull();
            t.Index(["entity_type", "entity_id"]);
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("audit_log");
    }
}
