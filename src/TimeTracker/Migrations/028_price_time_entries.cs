using Waymark.Revisions;

namespace TimeTracker.Migrations;

/// <summary>
/// Prices the entries already recorded exactly as reports priced them until now (the project's rate, else the
/// member's own default, at the moment the report ran), so that no total moves; and carries each project's rate
/// into <c>hourly_rates</c> as its rate from the beginning. From here on <c>projects.hourly_rate</c> is no longer
/// read or written (it stays for the downgrade). Entries that have a rate and projects that have a history already
/// (an upgrade after a downgrade) keep them. The downgrade writes each project's own rate of today back into
/// <c>projects.hourly_rate</c>, for the code before 027; the history and the entries' rates stay until 027's
/// downgrade drops them.
/// </summary>
[Revision("028", DownRevision = "027", Message = "price time entries")]
internal sealed class M028_PriceTimeEntries : Migration
{
    public override void Upgrade(MigrationBuilder migrate)
    {
        migrate.Sql(
            "INSERT INTO hourly_rates (organization_id, project_id, user_id, hourly_rate, effective_from, created_by_id, created_at) " +
            "SELECT p.organization_id, p.id, NULL, p.hourly_rate, NULL, NULL, p.updated_at FROM projects p WHERE p.hourly_rate IS NOT NULL " +
            "AND NOT EXISTS (SELECT 1 FROM hourly_rates r WHERE r.project_id = p.id AND r.user_id IS NULL)");
        migrate.Sql(
            "UPDATE time_entries SET hourly_rate = COALESCE(" +
            "(SELECT p.hourly_rate FROM projects p WHERE p.id = time_entries.project_id), " +
            "(SELECT u.default_hourly_rate FROM users u WHERE u.id = time_entries.user_id)) WHERE hourly_rate IS NULL");
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        // The project's own rate in effect today (UTC): its latest change on or before today; projects without a
        // history keep what they have.
        migrate.Sql(
            "UPDATE projects SET hourly_rate = (SELECT r.hourly_rate FROM hourly_rates r WHERE r.project_id = projects.id " +
            "AND r.user_id IS NULL AND (r.effective_from IS NULL OR r.effective_from <= CURRENT_DATE) " +
            "ORDER BY CASE WHEN r.effective_from IS NULL THEN 0 ELSE 1 END DESC, r.effective_from DESC, r.id DESC LIMIT 1) " +
            "WHERE EXISTS (SELECT 1 FROM hourly_rates r WHERE r.project_id = projects.id AND r.user_id IS NULL)");
    }
}
