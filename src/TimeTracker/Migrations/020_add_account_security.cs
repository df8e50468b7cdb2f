using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// What the accounts API needs beyond 019: sign-in lockout (a failure counter and the end of the lock),
/// TOTP replay protection (the last time step accepted, so a code is never accepted twice), and the
/// Data Protection key ring in the database, so that every replica of the API can read the TOTP secrets
/// any other replica encrypted.
/// </summary>
[Revision("020", DownRevision = "019", Message = "add account security")]
internal sealed class M020_AddAccountSecurity : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.AddColumn("users", "failed_sign_in_count", ColumnType.Int, nullable: false, defaultValue: 0);
        migrate.AddColumn("users", "locked_until", ColumnType.Timestamp);
        migrate.AddColumn("users", "totp_last_step", ColumnType.BigInt);
        migrate.CreateTable("data_protection_keys", t =>
        {
            t.Id();
            t.String("friendly_name", 255).NotNull().Unique();
            t.Text("xml").NotNull();
            t.Timestamp("created_at").NotNull();
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("data_protection_keys");
        migrate.DropColumn("users", "totp_last_step");
        migrate.DropColumn("users", "locked_until");
        migrate.DropColumn("users", "failed_sign_in_count");
    }
}
