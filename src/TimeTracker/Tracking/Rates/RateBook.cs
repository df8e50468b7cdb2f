namespace TimeTracker.Tracking.Rates;

/// <summary>
/// The rate an hour of work is worth on a day, from an organization's rate changes. The most specific level that has
/// a rate that day wins: the member on the project, then the project, then the member, then the member's own default
/// (their profile's <c>defaultHourlyRate</c>, which has no history), then the organization's default. At each level
/// the change in effect is the latest whose first day is on or before the day (one from the beginning comes before
/// every dated one); a change to no rate leaves the level without one, so the next level applies.
/// </summary>
internal sealed class RateBook
{
    private readonly Dictionary<(long? Project, long? User), List<RateChange>> _levels = [];

    /// <summary>A book of <paramref name="changes"/> (rows of one organization, in any order).</summary>
    public RateBook(IEnumerable<RateChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var group in changes.GroupBy(c => (c.ProjectId, c.UserId)))
            _levels[group.Key] = [.. group.OrderBy(c => c.EffectiveFrom ?? DateOnly.MinValue)];
    }

    /// <summary>The rate of <paramref name="userId"/>'s work on <paramref name="projectId"/> (or none) on <paramref name="day"/>;
    /// null when no level has one.</summary>
    public decimal? RateOf(long? projectId, long userId, DateOnly day, decimal? ownDefault)
    {
        if (projectId is { } project)
        {
            if (InEffect(project, userId, day) is { } projectMember)
                return projectMember;
            if (InEffect(project, null, day) is { } projectRate)
                return projectRate;
        }
        return InEffect(null, userId, day) ?? ownDefault ?? InEffect(null, null, day);
    }

    // The rate of one level on the day: its latest change on or before it, when that change gives a rate.
    private decimal? InEffect(long? projectId, long? userId, DateOnly day) =>
        _levels.TryGetValue((projectId, userId), out var changes)
            ? changes.LastOrDefault(c => c.EffectiveFrom is not { } first || first <= day)?.HourlyRate
            : null;
}
