using TimeTracker.Tracking.Tags;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>A tag of the organization; entries carry it by its name.</summary>
internal sealed record TagResponse(long Id, string Name)
{
    /// <summary>The response describing <paramref name="tag"/>.</summary>
    public static TagResponse Of(Tag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return new(tag.Id, tag.Name);
    }
}
