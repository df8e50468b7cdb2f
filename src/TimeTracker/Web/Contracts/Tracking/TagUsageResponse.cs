using TimeTracker.Tracking.Tags;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// A tag with how many time entries carry it: all of the organization's for admins and owners (what deleting it would
/// change), the caller's own for members; <c>lockedEntries</c> of them are on an invoice, and while any are, the tag
/// cannot be deleted.
/// </summary>
internal sealed record TagUsageResponse(long Id, string Name, long Entries, long LockedEntries)
{
    /// <summary>The response describing <paramref name="usage"/>.</summary>
    public static TagUsageResponse Of(TagUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return new(usage.Tag.Id, usage.Tag.Name, usage.Entries, usage.LockedEntries);
    }
}
