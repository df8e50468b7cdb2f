namespace TimeTracker.Tracking.Tags;

/// <summary>A tag to create, as asked (validated by <see cref="TagCatalog.CreateAsync"/>).</summary>
internal sealed record NewTag(string? Name);
