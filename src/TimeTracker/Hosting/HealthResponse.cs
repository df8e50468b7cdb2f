namespace TimeTracker.Hosting;

/// <summary>
/// The answer of <c>/health</c>: <c>healthy</c> when the database answers and its schema is at head, else
/// <c>unhealthy</c> with the reason.
/// </summary>
internal sealed record HealthResponse(string Status, bool DatabaseReachable, IReadOnlyList<string> SchemaVersion, IReadOnlyList<string> HeadVersion, bool SchemaAtHead, string? Problem);
