using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// Rates with a history, and the rate fixed on each time entry:
/// <list type="bullet">
/// <item><c>hourly_rates</c>: one row per rate change of an organization, at one of four levels told apart by which
/// of <c>project_id</c> and <c>user_id</c> it names (neither: the organization's default; a user: a member's rate;
/// a project: the project's; both: that member's rate on that project). <c>effective_from</c> is the first day the
/// rate applies (NULL: from the beginning); a NULL <c>hourly_rate</c> takes the level's rate away from that day.</item>
/// <item><c>time_entries.hourly_rate</c>: what an hour of the entry is worth, fixed when it is recorded (NULL: no
/// rate). Revision 028 fills it for the entries already there.</item>
/// </list>
/// The downgrade drops both.
/// </summary>
[Revision("027", DownRevision = "026", Message = "add rate history")]
internal sealed class M027_AddRateHistory : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.CreateTable("hourly_rates", t =>
        {
            t.Id();
            t.References("organization_id", "organizations", ReferentialAction.Cascade).NotNull();
            t.References("project_id", "projects", ReferentialAction.Cascade).Indexed();
            t.References("user_id", "users", ReferentialAction.Cascade).Indexed();
            t.Money("hourly_rate", 10, 2);
            t.Date("effective_from");
            t.References("created_by_id", "users", ReferentialAction.SetNull);
            t.Timestamp("created_at").NotNull();
            // Pricing an entry reads the rows of its organization, project and member.
            t.Index(["organization_id", "project_id", "user_id", "effective_from"], name: "ix_hourly_rates_level_from");
        });
        migrate.AddColumn("time_entries", "hourly_rate", ColumnType.Money(10, 2));
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        migrate.DropColumn("time_entries", "hourly_rate");
        migrate.DropTable("hourly_rates");
    }
}
