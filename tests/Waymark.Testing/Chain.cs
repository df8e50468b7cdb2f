using Waymark.Revisions;

namespace Waymark.Testing;

/// <summary>A migration whose upgrade and downgrade are given as delegates.</summary>
public sealed class DelegateMigration(Action<MigrationBuilder> upgrade, Action<MigrationBuilder>? downgrade = null, bool transactional = true) : Migration
{
    public override bool IsTransactional => transactional;

    public override void Upgrade(MigrationBuilder migrate) => upgrade(migrate);

    public override void Downgrade(MigrationBuilder migrate) => (downgrade ?? (_ => { }))(migrate);
}

/// <summary>Builds revisions of a linear chain, each in a file named after it.</summary>
public static class Chain
{
    public static Revision Rev(string id, string? down, Action<MigrationBuilder> upgrade, Action<MigrationBuilder>? downgrade = null, string? message = null) =>
        new(id, down is null ? [] : [down], message ?? $"revision {id}", $"/src/app/Migrations/{id}_migration.cs",
            () => new DelegateMigration(upgrade, downgrade));

    /// <summary>A revision whose migration runs outside a transaction (<see cref="Migration.IsTransactional"/> is false).</summary>
    public static Revision NonTransactionalRev(string id, string? down, Action<MigrationBuilder> upgrade, Action<MigrationBuilder>? downgrade = null) =>
        new(id, down is null ? [] : [down], $"revision {id} (outside a transaction)", $"/src/app/Migrations/{id}_outside.cs",
            () => new DelegateMigration(upgrade, downgrade, transactional: false));

    public static RevisionGraph Graph(params Revision[] revisions) => new(revisions);
}
