namespace Waymark.Execution;

/// <summary>A migration left rows that break a constraint the database did not check while it ran.</summary>
public sealed class IntegrityViolationException(string detail)
    : WaymarkException($"The migration left rows that break a foreign key: {detail}. Its changes were rolled back.")
{
    /// <summary>What is wrong, as the database reported it.</summary>
    public string Detail { get; } = detail;
}
