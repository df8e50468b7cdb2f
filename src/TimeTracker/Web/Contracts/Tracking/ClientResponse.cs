using TimeTracker.Tracking.Clients;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>A client of the organization.</summary>
internal sealed record ClientResponse(long Id, string Name, string? Email, bool Archived, DateTimeOffset? ArchivedAt, DateTimeOffset CreatedAt)
{
    /// <summary>The response describing <paramref name="client"/>.</summary>
    public static ClientResponse Of(Client client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(client.Id, client.Name, client.Email, client.Archived, client.ArchivedAt, client.CreatedAt);
    }
}
