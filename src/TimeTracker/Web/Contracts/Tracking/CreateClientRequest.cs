using TimeTracker.Tracking.Clients;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>The body of <c>POST /orgs/{orgId}/clients</c>: a name and an optional billing address.</summary>
internal sealed record CreateClientRequest(string? Name, string? Email = null)
{
    /// <summary>The command this body asks for.</summary>
    public NewClient ToCommand() => new(Name, Email);
}
