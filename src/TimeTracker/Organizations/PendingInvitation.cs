namespace TimeTracker.Organizations;

/// <summary>A pending invitation, with who sent it (null once that account is deleted); never its token.</summary>
internal sealed record PendingInvitation(
    long Id, string Email, string Role, long? InvitedById, string? InvitedByEmail, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
