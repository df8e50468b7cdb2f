namespace TimeTracker.Web.OpenApi;

/// <summary>
/// Problem statuses a route can answer besides the ones <see cref="ProblemResponses"/> derives from its metadata
/// (a 409 conflict, a 402, a 502 from an upstream service…).
/// </summary>
internal sealed record ProblemStatuses(IReadOnlyList<int> Statuses);
