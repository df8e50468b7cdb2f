using Waymark.Revisions;

namespace Waymark.Tests;

/// <summary>Builds revisions and graphs in memory; no assembly scanning, no database.</summary>
internal static class TestRevisions
{
    /// <summary>A revision that follows <paramref name="downs"/> and does nothing.</summary>
    public static Revision Rev(string id, params string[] downs) =>
        new(id, downs, $"message {id}", $"{id}_file.cs", () => new EmptyMigration());

    /// <summary>A revision whose migration is <paramref name="migration"/>.</summary>
    public static Revision Rev(string id, string[] downs, string message, Func<Migration> migration) =>
        new(id, downs, message, $"{id}_file.cs", migration);

    /// <summary>A linear chain: the first id is a base, each next one follows the one before.</summary>
    public static Revision[] Chain(params string[] ids) =>
        [.. ids.Select((id, i) => i == 0 ? Rev(id) : Rev(id, ids[i - 1]))];

    /// <summary>A validated graph of <paramref name="revisions"/>.</summary>
    public static RevisionGraph Graph(params Revision[] revisions) => new(revisions);

    /// <summary>001 -> 002 -> 003.</summary>
    public static RevisionGraph Linear() => Graph(Chain("001", "002", "003"));

    /// <summary>
    /// Two branches from 001: a1 -> a2 and b1 -> b2 (heads a2 and b2).
    /// </summary>
    public static RevisionGraph TwoBranches() => Graph(
        Rev("001"), Rev("a1", "001"), Rev("a2", "a1"), Rev("b1", "001"), Rev("b2", "b1"));

    /// <summary>
    /// Two branches from 001, x1 -> x2 and c1, joined by the merge m. The revisions are given in an order
    /// unlike the graph's, which is 001, c1, x1, x2, m (ready revisions go by id).
    /// </summary>
    public static RevisionGraph Merged() => Graph(
        Rev("m", "x2", "c1"), Rev("x2", "x1"), Rev("x1", "001"), Rev("c1", "001"), Rev("001"));
}

/// <summary>A migration that records no operation.</summary>
public sealed class EmptyMigration : Migration
{
    public override void Upgrade(MigrationBuilder migrate) { }

    public override void Downgrade(MigrationBuilder migrate) { }
}

/// <summary>A migration whose operations are given as delegates.</summary>
public sealed class ScriptedMigration(Action<MigrationBuilder> upgrade, Action<MigrationBuilder> downgrade, bool transactional = true) : Migration
{
    public override bool IsTransactional => transactional;

    public override void Upgrade(MigrationBuilder migrate) => upgrade(migrate);

    public override void Downgrade(MigrationBuilder migrate) => downgrade(migrate);
}
