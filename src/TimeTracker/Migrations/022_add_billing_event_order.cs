using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// Stripe delivers webhook events in any order. Each organization remembers Stripe's <c>created</c> time of the
/// newest subscription event and the newest invoice event it applied, so that an older event arriving later
/// never overwrites newer billing state.
/// </summary>
[Revision("022", DownRevision = "021", Message = "add billing event order")]
internal sealed class M022_AddBillingEventOrder : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.AddColumn("organizations", "subscription_event_created_at", ColumnType.Timestamp);
        migrate.AddColumn("organizations", "invoice_event_created_at", ColumnType.Timestamp);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropColumn("organizations", "invoice_event_created_at");
        migrate.DropColumn("organizations", "subscription_event_created_at");
    }
}
