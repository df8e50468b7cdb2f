using Waymark.Planning;

namespace Waymark.Execution;

/// <summary>
/// A revision about to run creates objects that already exist: the version record is behind the schema
/// (the seed story). Raised before the revision changes anything.
/// </summary>
public sealed class SchemaObjectsExistException(MigrationStep step, IReadOnlyList<string> objects)
    : WaymarkException(
        $"Revision {step.Revision.Id} ({step.Revision.FileName}) creates {string.Join(", ", objects)}, " +
        $"but {(objects.Count == 1 ? "it already exists" : "they already exist")}, " +
        $"so the version record ({(step.VersionsBefore.Count == 0 ? "base" : string.Join(", ", step.VersionsBefore))}) is probably behind the " +
        $"schema. " +
        $"Nothing of {step.Revision.Id} was run. Run 'db doctor' to find where the database really is ('db doctor --fix' repairs the version " +
        $"record and touches nothing else), then upgrade again.")
{
    /// <summary>The revision that was about to run.</summary>
    public string RevisionId { get; } = step.Revision.Id;

    /// <summary>What it would have created that already exists (<c>table x</c>, <c>column x.y</c>, <c>index i</c>).</summary>
    public IReadOnlyList<string> Objects { get; } = objects;
}
