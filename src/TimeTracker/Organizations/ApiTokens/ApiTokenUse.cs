namespace TimeTracker.Organizations.ApiTokens;

/// <summary>
/// Who a presented token speaks for, and where: its user, its one organization and the scope it has there now (its own,
/// narrowed to the user's current role).
/// </summary>
internal sealed record ApiTokenUse(long TokenId, long UserId, long OrganizationId, string Scope);
