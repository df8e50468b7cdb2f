namespace TimeTracker.Organizations;

/// <summary>The <c>Organizations</c> configuration section.</summary>
internal sealed class OrganizationOptions
{
    /// <summary>How long an invitation link works.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The most invitations one user may send in any hour, across organizations.</summary>
    public int InvitationsPerUserPerHour { get; set; } = 50;

    /// <summary>The most invitations one organization may send in any 24 hours.</summary>
    public int InvitationsPerOrganizationPerDay { get; set; } = 200;
}
