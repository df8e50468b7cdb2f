using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Database;
using TimeTracker.Errors;

namespace TimeTracker.Organizations;

/// <summary>
/// How many invitations a user and an organization may send, so that invitation emails cannot be sent in bulk.
/// Counted from the <c>invitations</c> rows themselves (replaced and revoked ones too, since each was an email),
/// so the limits hold across replicas and restarts.
/// </summary>
internal sealed class InvitationLimits(IOptions<OrganizationOptions> options, TimeProvider time, ILogger<InvitationLimits> logger)
{
    /// <summary>Throws 429, saying when to try again, when <paramref name="userId"/> or
    /// <paramref name="organizationId"/> may not send another invitation now.</summary>
    public async Task ThrowIfExhaustedAsync(DbSession session, long userId, long organizationId, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        await ThrowIfExhaustedAsync(session, userId, organizationId, "invited_by_id", userId, limits.InvitationsPerUserPerHour, TimeSpan.FromHours(1),
            "You have", "hour", cancellationToken);
        await ThrowIfExhaustedAsync(session, userId, organizationId, "organization_id", organizationId, limits.InvitationsPerOrganizationPerDay,
            TimeSpan.FromDays(1), "This organization has", "24 hours", cancellationToken);
    }

    private async Task ThrowIfExhaustedAsync(
        DbSession session, long userId, long organizationId, string column, long id, int limit, TimeSpan window, string who, string period,
        CancellationToken cancellationToken)
    {
        limit = Math.Max(limit, 1);
        var now = time.GetUtcNow();
        var sent = await session.QueryAsync($"SELECT created_at FROM invitations WHERE {column} = @id AND created_at > @since ORDER BY created_at",
            r => r.Instant("created_at"), cancellationToken, ("id", id), ("since", now - window));
        if (sent.Count < limit)
            return;
        Log.InvitationLimitReached(logger, userId, organizationId, column == "invited_by_id" ? "user" : "organization", sent.Count, limit);
        // Once this one leaves the window, fewer than the limit remain in it.
        var retry = sent[sent.Count - limit] + window;
        throw new TooManyRequestsException("Too many invitations", string.Create(CultureInfo.InvariantCulture,
            $"{who} sent {sent.Count} invitation(s) in the last {period}; at most {limit} are allowed. " +
            $"Try again after {retry.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (in {Math.Ceiling((retry - now).TotalMinutes):0} minute(s))."),
            retry - now);
    }
}
