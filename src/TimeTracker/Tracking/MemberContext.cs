using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Organizations;

namespace TimeTracker.Tracking;

/// <summary>
/// The caller inside one organization: every time-tracking request starts here, so that whatever it reads or
/// writes is the organization's, and a caller who is not a member sees a 404 (the organization's existence stays hidden).
/// </summary>
internal sealed record MemberContext(long OrganizationId, long UserId, string Role)
{
    /// <summary>Whether the caller is an admin or owner: they manage clients, projects, tasks, invoices and everyone's entries.</summary>
    public bool IsManager => Organizations.Role.Rank(Role) >= Organizations.Role.Rank(Organizations.Role.Admin);

    /// <summary>The caller's membership of <paramref name="organizationId"/>; 404 when there is none.</summary>
    public static Task<MemberContext> LoadAsync(DbSession session, long userId, long organizationId, CancellationToken cancellationToken) =>
        session.RunAsync(batch => Load(batch, userId, organizationId, holdForChange: false), cancellationToken);

    /// <summary>
    /// Queues the read of the caller's membership (reading the result throws the 404 when there is none). With
    /// <paramref name="holdForChange"/> the membership row stays locked until the transaction ends, which orders
    /// one user's changes in one organization (timer starts and stops).
    /// </summary>
    public static BatchResult<MemberContext> Load(SqlBatch batch, long userId, long organizationId, bool holdForChange)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var lockRow = holdForChange ? batch.Dialect.LockForChange() : "";
        return batch.QuerySingleOrDefault(
            $"SELECT role FROM memberships WHERE organization_id = @org AND user_id = @user{lockRow}", r => r.String("role"),
                ("org", organizationId), ("user", userId))
            .Select(role => role is null ? throw OrganizationDirectory.NotFound(organizationId) : new MemberContext(organizationId, userId, role));
    }

    /// <summary>403 unless the caller is an admin or owner.</summary>
    public void RequireManager(string what)
    {
        if (!IsManager)
            throw new ForbiddenException(
                "Admins and owners only", $"Only admins and owners may {what}; you are a {Role} of organization {OrganizationId}.");
    }
}
