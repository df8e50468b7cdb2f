namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>
/// The body of <c>PATCH /me</c> as the OpenAPI document describes it: every field optional, the default hourly rate
/// cleared by <c>null</c>. Never deserialized: the server reads the body as a <c>PatchDocument</c>, which tells a
/// missing field from a null one.
/// </summary>
internal sealed class MePatch
{
    /// <summary>The display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>An IANA time zone, such as <c>Europe/Paris</c>, that reports and date ranges are read in.</summary>
    public string TimeZone { get; init; } = "";

    /// <summary>The hourly rate billed where a project has none; <c>null</c> removes it.</summary>
    public decimal? DefaultHourlyRate { get; init; }
}
