namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>PATCH /orgs/{orgId}/clients/{id}</c> as the OpenAPI document describes it: every field optional,
/// <c>email</c> cleared by <c>null</c>. Never deserialized: the server reads the body as a <c>PatchDocument</c>, which
/// tells a missing field from a null one.
/// </summary>
internal sealed class ClientPatch
{
    /// <summary>The new name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The billing address; <c>null</c> removes it.</summary>
    public string? Email { get; init; }

    /// <summary><c>true</c> archives the client, <c>false</c> restores it.</summary>
    public bool Archived { get; init; }
}
