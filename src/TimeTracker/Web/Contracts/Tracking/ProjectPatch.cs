namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>PATCH /orgs/{orgId}/projects/{id}</c> as the OpenAPI document describes it: every field optional;
/// <c>null</c> clears the client, the description and the hourly rate. Never deserialized: the server reads the body
/// as a <c>PatchDocument</c>, which tells a missing field from a null one.
/// </summary>
internal sealed class ProjectPatch
{
    /// <summary>The new name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The client the project is for; <c>null</c> detaches it.</summary>
    public long? ClientId { get; init; }

    /// <summary>The description; <c>null</c> removes it.</summary>
    public string? Description { get; init; }

    /// <summary>The hourly rate from today (the project's first, from the beginning); <c>null</c> removes it from today.
    /// Entries already recorded keep theirs.</summary>
    public decimal? HourlyRate { get; init; }

    /// <summary><c>true</c> archives the project, <c>false</c> restores it.</summary>
    public bool Archived { get; init; }
}
