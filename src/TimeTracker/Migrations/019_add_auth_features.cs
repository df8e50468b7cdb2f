using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// Accounts (passwords, email verification, password reset, refresh tokens, TOTP) and Stripe billing
/// (organization billing columns, webhook event tracking). The revision the seed story never stamped.
/// </summary>
[Revision("019", DownRevision = "018", Message = "add auth features")]
internal sealed class M019_AddAuthFeatures : Migration
{
    private static readonly string[] OrganizationTimestamps =
        ["trial_ends_at", "subscription_ends_at", "next_billing_date", "billing_issue_detected_at", "last_billing_email_sent_at"];

    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("password_reset_tokens", t =>
        {
            t.Id();
            t.References("user_id", "users", ReferentialAction.Cascade).NotNull();
            t.String("token_hash", 64).NotNull().Unique();
            t.Timestamp("expires_at").NotNull();
            t.Timestamp("used_at");
            t.Timestamp("created_at").NotNull();
        });
        migrate.CreateTable("email_verification_tokens", t =>
        {
            t.Id();
            t.References("user_id", "users", ReferentialAction.Cascade).NotNull();
            t.String("email", 255).NotNull();
            t.String("token_hash", 64).NotNull().Unique();
            t.Timestamp("expires_at").NotNull();
            t.Timestamp("used_at");
            t.Timestamp("created_at").NotNull();
        });
        migrate.CreateTable("refresh_tokens", t =>
        {
            t.Id();
            t.References("user_id", "users", ReferentialAction.Cascade).NotNull();
            t.String("token_hash", 64).NotNull().Unique();
            t.String("family_id", 64).NotNull().Indexed();
            t.Timestamp("expires_at").NotNull();
            t.Timestamp("revoked_at");
            t.References("replaced_by_id", "refresh_tokens");
            t.String("user_agent", 255);
            t.String("ip_address", 45);
            t.Timestamp("created_at").NotNull();
        });
        migrate.CreateTable("subscription_events", t =>
        {
            t.Id();
            t.String("stripe_event_id", 255).NotNull().Unique();
            t.String("event_type", 100).NotNull();
            t.References("organization_id", "organizations", ReferentialAction.SetNull).Indexed();
            t.String("status", 20).NotNull().Default("pending");
            t.Int("attempts").NotNull().Default(0);
            t.Text("last_error");
            t.Timestamp("next_attempt_at");
            t.Json("payload").NotNull();
            t.Timestamp("stripe_created_at");
            t.Timestamp("received_at").NotNull();
            t.Timestamp("processed_at");
            t.Index(["status", "next_attempt_at"]);
        });

        migrate.AddColumn("users", "password_hash", ColumnType.String(255));
        migrate.AddColumn("users", "email_verified", ColumnType.Bool, nullable: false, defaultValue: false);
        migrate.AddColumn("users", "totp_secret", ColumnType.String(255));
        migrate.AddColumn("users", "totp_enabled", ColumnType.Bool, nullable: false, defaultValue: false);
        migrate.AddColumn("users", "backup_codes", ColumnType.Text);

        migrate.AddColumn("organizations", "stripe_customer_id", ColumnType.String(255));
        migrate.AddUniqueConstraint("organizations", ["stripe_customer_id"]);
        migrate.AddColumn("organizations", "stripe_subscription_id", ColumnType.String(255));
        migrate.AddColumn("organizations", "stripe_subscription_status", ColumnType.String(50));
        migrate.AddColumn("organizations", "stripe_price_id", ColumnType.String(255));
        migrate.AddColumn("organizations", "subscription_quantity", ColumnType.Int);
        foreach (var column in OrganizationTimestamps)
            migrate.AddColumn("organizations", column, ColumnType.Timestamp);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        foreach (var column in OrganizationTimestamps.Reverse())
            migrate.DropColumn("organizations", column);
        migrate.DropColumn("organizations", "subscription_quantity");
        migrate.DropColumn("organizations", "stripe_price_id");
        migrate.DropColumn("organizations", "stripe_subscription_status");
        migrate.DropColumn("organizations", "stripe_subscription_id");
        migrate.DropUniqueConstraint("organizations", "uq_organizations_stripe_customer_id");
        migrate.DropColumn("organizations", "stripe_customer_id");

        migrate.DropColumn("users", "backup_codes");
        migrate.DropColumn("users", "totp_enabled");
        migrate.DropColumn("users", "totp_secret");
        migrate.DropColumn("users", "email_verified");
        migrate.DropColumn("users", "password_hash");

        migrate.DropTable("subscription_events");
        migrate.DropTable("refresh_tokens");
        migrate.DropTable("email_verification_tokens");
        migrate.DropTable("password_reset_tokens");
    }
}
