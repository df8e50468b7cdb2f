namespace Waymark.Execution;

/// <summary>Another process changed the version record while this run was planning or running.</summary>
public sealed class ConcurrentMigrationException(IReadOnlyList<string> expected, IReadOnlyList<string> found)
    : WaymarkException($"The version record changed under this run: expected {Describe(expected)}, found {Describe(found)}. " +
        $"Another process is migrating this database; wait for it and run the command again.")
{
    private static string Describe(IReadOnlyList<string> v) => v.Count == 0 ? "no rows" : string.Join(", ", v);
}
