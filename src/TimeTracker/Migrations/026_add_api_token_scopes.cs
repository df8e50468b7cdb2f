using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// Personal API tokens become usable: each carries its scope in its organization (<c>read</c>, <c>write</c> or
/// <c>admin</c>) and when it was revoked (by its owner, or by the owner's removal from the organization), and a user's
/// tokens are found by an index. Tokens made before this revision get <c>read</c>; none of them can authenticate, since
/// only secrets with the <c>tt_pat_</c> prefix are looked up.
/// The downgrade deletes the revoked tokens, which it could no longer tell from the others.
/// </summary>
[Revision("026", DownRevision = "025", Message = "add api token scopes")]
internal sealed class M026_AddApiTokenScopes : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.AddColumn("api_tokens", "scope", ColumnType.String(10), nullable: false, defaultValue: "read");
        migrate.AddColumn("api_tokens", "revoked_at", ColumnType.Timestamp);
        migrate.CreateIndex("api_tokens", ["user_id"]);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        // A revoked token must stay revoked through a downgrade and an upgrade again: without revoked_at it would not be.
        migrate.Sql("DELETE FROM api_tokens WHERE revoked_at IS NOT NULL");
        migrate.DropIndex("api_tokens", "ix_api_tokens_user_id");
        migrate.DropColumn("api_tokens", "revoked_at");
        migrate.DropColumn("api_tokens", "scope");
    }
}
