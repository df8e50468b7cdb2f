using Waymark.Revisions;

namespace Waymark.Cli.Tests.Support;

/// <summary>A migration that creates the table <c>t_&lt;id&gt;</c> and drops it on downgrade.</summary>
public sealed class CreateTableMigration(string table) : Migration
{
    public override void Upgrade(MigrationBuilder migrate) => migrate.CreateTable(table, t =>
    {
        t.Id();
        t.String("name", 50);
    });

    public override void Downgrade(MigrationBuilder migrate) => migrate.DropTable(table);
}

/// <summary>The graphs the tests run on; every revision creates (and drops) its own table t_&lt;id&gt;.</summary>
public static class TestGraphs
{
    /// <summary>A revision following <paramref name="downs"/> whose migration creates t_&lt;id&gt;.</summary>
    public static Revision Rev(string id, params string[] downs) =>
        new(id, downs, $"add t_{id}", $"/app/Migrations/{id}_add_t_{id}.cs", () => new CreateTableMigration($"t_{id}"));

    /// <summary>r0 with two branches on it: a1 &lt;- r0 and b1 &lt;- r0 (heads a1, b1; r0 is the branch point).</summary>
    public static RevisionGraph TwoHeads() => new([Rev("r0"), Rev("a1", "r0"), Rev("b1", "r0")]);

    /// <summary><see cref="TwoHeads"/> joined by the merge revision m1 (down-revisions a1, b1).</summary>
    public static RevisionGraph Merged() => new([Rev("r0"), Rev("a1", "r0"), Rev("b1", "r0"), Rev("m1", "a1", "b1")]);

    /// <summary>A linear chain with Alembic-style hex ids: 1975ea83b712 &lt;- ae1027a6acf &lt;- 27c6a30d7c24.</summary>
    public static RevisionGraph HexChain() => new([Rev("1975ea83b712"), Rev("ae1027a6acf", "1975ea83b712"), Rev("27c6a30d7c24", "ae1027a6acf")]);

    /// <summary>A numeric chain 001 &lt;- 002 &lt;- 003.</summary>
    public static RevisionGraph NumericChain() => new([Rev("001"), Rev("002", "001"), Rev("003", "002")]);
}
