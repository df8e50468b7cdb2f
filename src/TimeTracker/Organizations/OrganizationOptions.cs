namespace TimeTracker.Organizations;

/// <summary>The <c>Organizations</c> configuration section.</summary>
internal sealed class OrganizationOptions
{
    /// <summary>How long an invitation link works.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}
