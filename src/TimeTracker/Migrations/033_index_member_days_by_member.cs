using Waymark.Revisions;

namespace TimeTracker.Migrations;

/// <summary>
/// An index of <c>report_user_days</c> by member, so that a summary by member reads the days of the few members it
/// breaks down per day as a short range each, instead of testing every member's day of the range through the primary
/// key (organization, day, member). Built <c>CONCURRENTLY</c> on PostgreSQL, so the entries' writes (whose triggers
/// write the member days) do not wait for it; in a revision of its own, since such a build cannot run in a
/// transaction, and 032 must run in one.
/// </summary>
[Revision("033", DownRevision = "032", Message = "index member days by member")]
internal sealed class M033_IndexMemberDaysByMember : Migration
{
    public override void Upgrade(MigrationBuilder migrate) =>
        migrate.CreateIndex("report_user_days", ["organization_id", "user_id", "day"], concurrently: true);

    public override void Downgrade(MigrationBuilder migrate) =>
        migrate.DropIndex("report_user_days", "ix_report_user_days_organization_id_user_id_day", concurrently: true);
}
