using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// What closing the security review's findings needs in the schema: a security stamp on each user (bumped by every
/// credential change, carried in access tokens and 2FA challenges, so that they stop working at once); sign-in
/// throttles per account and client address (the attempts of the current window, its lock, and how many locks
/// came before, for progressive delays; so that a stranger cannot lock an account for everyone); the Stripe Checkout
/// sessions the server itself created, the only ones whose completion may link
/// an organization to a Stripe customer; and an index for counting a user's recent invitations.
/// </summary>
[Revision("025", DownRevision = "024", Message = "add security hardening")]
internal sealed class M025_AddSecurityHardening : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.AddColumn("users", "security_stamp", ColumnType.Int, nullable: false, defaultValue: 0);
        migrate.CreateTable("sign_in_throttles", t =>
        {
            t.Id();
            t.References("user_id", "users", ReferentialAction.Cascade).NotNull();
            t.String("client_key", 64).NotNull();
            t.Int("failures").NotNull().Default(0);
            t.Timestamp("last_failure_at").NotNull();
            t.Timestamp("locked_until");
            t.Int("lockouts").NotNull().Default(0);
        });
        migrate.AddUniqueConstraint("sign_in_throttles", ["user_id", "client_key"]);
        migrate.CreateTable("billing_checkout_sessions", t =>
        {
            t.Id();
            t.References("organization_id", "organizations", ReferentialAction.Cascade).NotNull().Indexed();
            t.String("stripe_session_id", 255).NotNull().Unique();
            t.String("price_id", 255).NotNull();
            t.Int("quantity").NotNull();
            t.References("created_by_id", "users", ReferentialAction.SetNull);
            t.Timestamp("created_at").NotNull();
            t.Timestamp("completed_at");
        });
        // The per-user invitation limit counts a user's recent invitations on every invite.
        migrate.CreateIndex("invitations", ["invited_by_id", "created_at"]);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropIndex("invitations", "ix_invitations_invited_by_id_created_at");
        migrate.DropTable("billing_checkout_sessions");
        migrate.DropTable("sign_in_throttles");
        migrate.DropColumn("users", "security_stamp");
    }
}
