namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>PATCH /orgs/{orgId}/tags/{id}</c> as the OpenAPI document describes it. Never deserialized: the
/// server reads the body as a <c>PatchDocument</c>.
/// </summary>
internal sealed class TagPatch
{
    /// <summary>The new name, unique in the organization; every entry that carries the tag shows it.</summary>
    public string Name { get; init; } = "";
}
