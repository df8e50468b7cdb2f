using Waymark.Revisions;

namespace TimeTracker.Migrations;

[Revision("009", DownRevision = "008", Message = "create invoices")]
internal sealed class M009_CreateInvoices : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("invoices", t =>
        {
            t.Id();
            t.References("client_id", "clients").NotNull();
            t.String("number", 50).NotNull().Unique();
            t.Date("issued_on");
            t.Date("due_on");
            t.String("status", 20).NotNull().Default("draft");
            t.Money("total", 12, 2).NotNull().Default(0);
            t.String("currency", 3).NotNull().Default("USD");
            t.Timestamp("created_at").NotNull();
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropTable("invoices");
    }
}
