namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>PATCH /orgs/{orgId}/projects/{projectId}/tasks/{id}</c> as the OpenAPI document describes it: every
/// field optional, none nullable. Never deserialized: the server reads the body as a <c>PatchDocument</c>.
/// </summary>
internal sealed class TaskPatch
{
    /// <summary>The new name.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>true</c> archives the task, <c>false</c> restores it.</summary>
    public bool Archived { get; init; }
}
