using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// Forgotten timers: each organization's timer policy (<c>timer_policies</c>, at most one row per organization; none
/// means the defaults: a reminder after 10 hours, a stop at 24), and on each entry whether the worker stopped it at the
/// cap (<c>auto_stopped</c>) and when it claimed the entry's reminder email (<c>reminder_sent_at</c>, so that the
/// email goes out once however many workers run).
/// </summary>
[Revision("030", DownRevision = "029", Message = "add timer policy")]
internal sealed class M030_AddTimerPolicy : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("timer_policies", t =>
        {
            t.Id();
            t.References("organization_id", "organizations", ReferentialAction.Cascade).NotNull().Unique();
            t.Int("reminder_after_hours").NotNull();
            t.Int("stop_after_hours").NotNull();
            t.References("updated_by_id", "users", ReferentialAction.SetNull);
            t.Timestamp("updated_at").NotNull();
        });
        migrate.AddColumn("time_entries", "auto_stopped", ColumnType.Bool, nullable: false, defaultValue: false);
        migrate.AddColumn("time_entries", "reminder_sent_at", ColumnType.Timestamp);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropColumn("time_entries", "reminder_sent_at");
        migrate.DropColumn("time_entries", "auto_stopped");
        migrate.DropTable("timer_policies");
    }
}
