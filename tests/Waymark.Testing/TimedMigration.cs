using Waymark.Revisions;

namespace Waymark.Testing;

/// <summary>A migration given as a delegate that sets its own statement lock timeout and statement timeout.</summary>
public sealed class TimedMigration(Action<MigrationBuilder> upgrade, TimeSpan? lockTimeout, TimeSpan? statementTimeout) : Migration
{
    public override TimeSpan? StatementLockTimeout => lockTimeout;

    public override TimeSpan? StatementTimeout => statementTimeout;

    public override void Upgrade(MigrationBuilder migrate) => upgrade(migrate);

    public override void Downgrade(MigrationBuilder migrate)
    {
    }

    public static Revision Rev(string id, string? down, TimeSpan? lockTimeout, TimeSpan? statementTimeout, Action<MigrationBuilder> upgrade) =>
        new(id, down is null ? [] : [down], $"revision {id} (own timeouts)", $"/src/app/Migrations/{id}_timed.cs",
            () => new TimedMigration(upgrade, lockTimeout, statementTimeout));
}
