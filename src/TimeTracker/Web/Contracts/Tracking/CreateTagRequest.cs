using TimeTracker.Tracking.Tags;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>The body of <c>POST /orgs/{orgId}/tags</c>: the tag's name, unique in the organization.</summary>
internal sealed record CreateTagRequest(string? Name)
{
    /// <summary>The command this body asks for.</summary>
    public NewTag ToCommand() => new(Name);
}
