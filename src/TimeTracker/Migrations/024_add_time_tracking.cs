using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// What the time-tracking API needs beyond the tables of 001–017:
/// <list type="bullet">
/// <item>Clients and tasks can be archived, as projects could since 014.</item>
/// <item>At most one running timer per user and organization, enforced by a partial unique index on the entries
/// with no end. Where older data has several, each but the newest is ended where the next one starts, as
/// starting a timer does now. Ended entries without a duration get theirs.</item>
/// <item>An entry remembers the invoice that locked it (voiding the invoice unlocks exactly those; entries locked
/// before this revision get the invoice whose item billed them), and an invoice item the project it bills.</item>
/// <item>An invoice covers a period and records when it was paid or voided.</item>
/// <item>Each organization counts the invoice numbers it has given out, so numbers are sequential per
/// organization; the count starts at the invoices it already has.</item>
/// </list>
/// The downgrade removes the columns and the index; the entries it ended stay ended.
/// </summary>
[Revision("024", DownRevision = "023", Message = "add time tracking")]
internal sealed class M024_AddTimeTracking : Migration
{
    private static readonly string[] ArchivableTables = ["clients", "tasks"];

    public override void Upgrade(MigrationBuilder migrate)
    {
        foreach (var table in ArchivableTables)
        {
            migrate.AddColumn(table, "archived", ColumnType.Bool, nullable: false, defaultValue: false);
            migrate.AddColumn(table, "archived_at", ColumnType.Timestamp);
        }

        // The ends are worked out before any is written: SQLite's UPDATE would see the rows it already ended.
        migrate.Sql(
            "CREATE TEMP TABLE tracking_timer_ends AS SELECT e.id, (SELECT MIN(r.started_at) FROM time_entries r " +
            "WHERE r.organization_id = e.organization_id " +
            "AND r.user_id = e.user_id AND r.ended_at IS NULL AND r.id <> e.id AND (r.started_at > e.started_at OR (r.started_at = e.started_at " +
            "AND r.id > e.id))) AS ended_at " +
            "FROM time_entries e WHERE e.ended_at IS NULL");
        migrate.Sql(
            "UPDATE time_entries SET ended_at = (SELECT t.ended_at FROM tracking_timer_ends t WHERE t.id = time_entries.id) " +
            "WHERE id IN (SELECT t.id FROM tracking_timer_ends t WHERE t.ended_at IS NOT NULL)");
        migrate.Sql("DROP TABLE tracking_timer_ends");
        migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sqlite"] =
                "UPDATE time_entries SET duration_seconds = CAST((julianday(ended_at) - julianday(started_at)) * 86400 + 0.0005 AS INTEGER) " +
                         "WHERE ended_at IS NOT NULL AND duration_seconds IS NULL",
            ["postgres"] = "UPDATE time_entries SET duration_seconds = FLOOR(EXTRACT(EPOCH FROM ended_at - started_at)) " +
                           "WHERE ended_at IS NOT NULL AND duration_seconds IS NULL",
        });
        migrate.CreateIndex(
            "time_entries", ["organization_id", "user_id"], name: "ix_time_entries_running_timer", unique: true, filter: "ended_at IS NULL");

        migrate.AddColumn("time_entries", "invoice_id", ColumnType.BigInt);
        // Entries invoiced before this revision were billed one item each (invoice_items.time_entry_id): link them to
        // that invoice, so that voiding it unlocks them as it does newer ones.
        migrate.Sql(
            "UPDATE time_entries SET invoice_id = (SELECT t.invoice_id FROM invoice_items t JOIN invoices i ON i.id = t.invoice_id " +
            "WHERE t.time_entry_id = time_entries.id AND i.organization_id = time_entries.organization_id " +
            "ORDER BY CASE WHEN i.status = 'void' THEN 1 ELSE 0 END, t.invoice_id DESC LIMIT 1) WHERE locked_at IS NOT NULL");
        migrate.AddForeignKey("time_entries", "invoice_id", "invoices", onDelete: ReferentialAction.SetNull);
        migrate.CreateIndex("time_entries", ["invoice_id"]);
        migrate.AddColumn("invoice_items", "project_id", ColumnType.BigInt);
        migrate.AddForeignKey("invoice_items", "project_id", "projects", onDelete: ReferentialAction.SetNull);

        migrate.AddColumn("invoices", "period_start", ColumnType.Date);
        migrate.AddColumn("invoices", "period_end", ColumnType.Date);
        migrate.AddColumn("invoices", "paid_at", ColumnType.Timestamp);
        migrate.AddColumn("invoices", "voided_at", ColumnType.Timestamp);

        migrate.AddColumn("organizations", "invoice_sequence", ColumnType.Int, nullable: false, defaultValue: 0);
        migrate.Sql("UPDATE organizations SET invoice_sequence = (SELECT COUNT(*) FROM invoices i WHERE i.organization_id = organizations.id)");
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropColumn("organizations", "invoice_sequence");

        migrate.DropColumn("invoices", "voided_at");
        migrate.DropColumn("invoices", "paid_at");
        migrate.DropColumn("invoices", "period_end");
        migrate.DropColumn("invoices", "period_start");

        migrate.DropForeignKey("invoice_items", "fk_invoice_items_project_id");
        migrate.DropColumn("invoice_items", "project_id");
        migrate.DropIndex("time_entries", "ix_time_entries_invoice_id");
        migrate.DropForeignKey("time_entries", "fk_time_entries_invoice_id");
        migrate.DropColumn("time_entries", "invoice_id");
        migrate.DropIndex("time_entries", "ix_time_entries_running_timer");

        foreach (var table in ArchivableTables.Reverse())
        {
            migrate.DropColumn(table, "archived_at");
            migrate.DropColumn(table, "archived");
        }
    }
}
