namespace TimeTracker.Tracking.Tags;

/// <summary>A tag of the organization, as entries carry it by name.</summary>
internal sealed record Tag(long Id, string Name);
