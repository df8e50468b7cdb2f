using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// What approvals and locked periods need:
/// <list type="bullet">
/// <item>Each organization's timesheet policy: the period its members submit (a week from Monday, or a calendar month)
/// and its lock date (nothing on or before it may change). An organization without a row has weekly periods and no lock date.</item>
/// <item>The timesheet periods members submitted, one row per member and period start: the days it covers, and the instants
/// those days began and ended in the member's time zone when it was submitted (the entries it holds are those that start
/// between them), its status and the decision's author and comment.</item>
/// <item>The organization of each audit row, so that an organization's admins read its rows by keyset; rows written before
/// this revision get theirs from their details. No foreign key: as the actor's, an audit row outlives what it names (ids are
/// never reused). Its index is built concurrently on PostgreSQL (audit_log is written by every entry change), so this revision
/// runs statement by statement there (<c>db doctor</c> recognises a revision applied in part).</item>
/// </list>
/// </summary>
[Revision("029", DownRevision = "028", Message = "add timesheet approvals")]
internal sealed class M029_AddTimesheetApprovals : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("timesheet_policies", t =>
        {
            t.Id();
            t.References("organization_id", "organizations", ReferentialAction.Cascade).NotNull().Unique();
            t.String("period", 10).NotNull().Default("week");
            t.Date("lock_date");
            t.References("updated_by_id", "users", ReferentialAction.SetNull);
            t.Timestamp("updated_at").NotNull();
        });
        migrate.CreateTable("timesheet_periods", t =>
        {
            t.Id();
            t.References("organization_id", "organizations", ReferentialAction.Cascade).NotNull();
            t.References("user_id", "users", ReferentialAction.Cascade).NotNull();
            t.String("period", 10).NotNull();
            t.Date("starts_on").NotNull();
            t.Date("ends_on").NotNull();
            t.Timestamp("starts_at").NotNull();
            t.Timestamp("ends_at").NotNull();
            t.String("status", 20).NotNull();
            t.Timestamp("submitted_at");
            t.Timestamp("decided_at");
            t.References("decided_by_id", "users", ReferentialAction.SetNull);
            t.Text("comment");
            t.Timestamp("updated_at").NotNull();
            t.Unique("organization_id", "user_id", "period", "starts_on");
            // The admins' list: a status's periods, newest first.
            t.Index(["organization_id", "status", "starts_on"]);
        });

        migrate.AddColumn("audit_log", "organization_id", ColumnType.BigInt);
        // Rows whose details are not the object the app writes (or name an organization since deleted) keep none.
        migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sqlite"] = "UPDATE audit_log SET organization_id = (SELECT o.id FROM organizations o WHERE o.id = CASE WHEN json_valid(details) " +
                         "THEN CASE WHEN json_type(details, '$.organizationId') = 'integer' THEN json_extract(details, '$.organizationId') END END)",
            ["postgres"] = "UPDATE audit_log SET organization_id = (SELECT o.id FROM organizations o WHERE o.id = CASE WHEN jsonb_typeof(details) " +
                "= 'object' " +
                           "THEN CASE WHEN jsonb_typeof(details->'organizationId') = 'number' THEN (details->>'organizationId')::numeric END END)",
        });
        migrate.CreateIndex("audit_log", ["organization_id", "id"], concurrently: true);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropIndex("audit_log", "ix_audit_log_organization_id_id", concurrently: true);
        migrate.DropColumn("audit_log", "organization_id");
        migrate.DropTable("timesheet_periods");
        migrate.DropTable("timesheet_policies");
    }
}
