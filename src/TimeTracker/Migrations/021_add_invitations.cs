using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// Invitations to join an organization: sent by email with a single-use, expiring token (only its SHA-256 is
/// kept), with the role the invitee will get. Pending invitations count against the organization's seats.
/// </summary>
[Revision("021", DownRevision = "020", Message = "add invitations")]
internal sealed class M021_AddInvitations : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("invitations", t =>
        {
            t.Id();
            t.References("organization_id", "organizations", ReferentialAction.Cascade).NotNull().Indexed();
            t.String("email", 255).NotNull();
            t.String("role", 20).NotNull().Default("member");
            t.String("token_hash", 64).NotNull().Unique();
            t.References("invited_by_id", "users", ReferentialAction.SetNull);
            t.Timestamp("expires_at").NotNull();
            t.Timestamp("accepted_at");
            t.Timestamp("revoked_at");
            t.Timestamp("created_at").NotNull();
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("invitations");
    }
}
