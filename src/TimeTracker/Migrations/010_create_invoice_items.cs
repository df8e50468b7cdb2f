using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

[Revision("010", DownRevision = "009", Message = "create invoice items")]
internal sealed class M010_CreateInvoiceItems : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("invoice_items", t =>
        {
            t.Id();
            t.References("invoice_id", "invoices", ReferentialAction.Cascade).NotNull();
            t.References("time_entry_id", "time_entries", ReferentialAction.SetNull);
            t.Text("description").NotNull();
            t.Money("quantity", 10, 2).NotNull();
            t.Money("unit_price", 10, 2).NotNull();
            t.Money("amount", 12, 2).NotNull();
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("invoice_items");
    }
}
