using Waymark.Operations;
using Waymark.Revisions;

namespace Waymark.Planning;

/// <summary>One revision applied or undone, with the version rows before and after it.</summary>
public sealed record MigrationStep(
    Revision Revision, MigrationDirection Direction, IReadOnlyList<string> VersionsBefore, IReadOnlyList<string> VersionsAfter)
{
    /// <summary>Creates the migration and records the operations of this step's direction.</summary>
    public (Migration Migration, IReadOnlyList<MigrationOperation> Operations) Prepare()
    {
        var migration = Revision.CreateMigration();
        var builder = new MigrationBuilder();
        if (Direction == MigrationDirection.Upgrade)
            migration.Upgrade(builder);
        else
            migration.Downgrade(builder);
        return (migration, builder.Operations);
    }
}
