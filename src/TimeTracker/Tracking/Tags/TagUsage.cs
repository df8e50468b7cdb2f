namespace TimeTracker.Tracking.Tags;

/// <summary>A tag with how many of the organization's entries carry it, and how many of those are locked (invoiced).</summary>
internal sealed record TagUsage(Tag Tag, long Entries, long LockedEntries);
