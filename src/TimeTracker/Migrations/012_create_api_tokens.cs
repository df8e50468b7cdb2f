using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("012", DownRevision = "011", Message = "create api tokens")]
internal sealed class M012_CreateApiTokens : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("api_tokens", t =>
        {
            t.Id();
            t.References("user_id", "users", ReferentialAction.Cascade).NotNull();
            t.String("name", 100).NotNull();
            t.String("token_hash", 64).NotNull().Unique();
            t.Timestamp("last_used_at");
            t.Timestamp("expires_at");
            t.Timestamp("created_at").NotNull();
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("api_tokens");
    }
}
