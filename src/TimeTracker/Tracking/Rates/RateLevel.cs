namespace TimeTracker.Tracking.Rates;

/// <summary>
/// The four levels a rate is set at, from the broadest to the most specific. Which one a rate is follows from what it
/// names: nothing (the organization's default), a member, a project, or both (that member on that project).
/// </summary>
internal static class RateLevel
{
    /// <summary>The organization's default rate.</summary>
    public const string Organization = "organization";

    /// <summary>A member's rate, on every project.</summary>
    public const string Member = "member";

    /// <summary>A project's rate, for every member.</summary>
    public const string Project = "project";

    /// <summary>One member's rate on one project.</summary>
    public const string ProjectMember = "projectMember";

    /// <summary>Every level.</summary>
    public static IReadOnlyList<string> All { get; } = [Organization, Member, Project, ProjectMember];

    /// <summary>The level of a rate naming <paramref name="projectId"/> and <paramref name="userId"/> (either may be absent).</summary>
    public static string Of(long? projectId, long? userId) =>
        (projectId, userId) switch
        {
            (null, null) => Organization,
            (null, _) => Member,
            (_, null) => Project,
            _ => ProjectMember,
        };
}
