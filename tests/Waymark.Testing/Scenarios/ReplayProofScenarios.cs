using Waymark.Diagnosis;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>
/// The replay proofs of <c>db check --replay</c>, in scratch databases next to <see cref="DialectScenarios.Db"/>: each revision
/// up, down and up again gives the same schemas, and branches applied in each order give one schema; a failure names the
/// revision and the objects.
/// </summary>
public abstract class ReplayProofScenarios : DialectScenarios
{
    private static Revision Users() => Rev("r1", null, m => m.CreateTable("users", t =>
    {
        t.Id();
        t.String("email", 200);
    }), m => m.DropTable("users"));

    private Task<ReplayReport> ProveAsync(params Revision[] revisions) =>
        new ReplayProof(new RevisionGraph(revisions), Db.NewProvider(), ScenarioDatabase.Options).RunAsync(CancellationToken.None);

    [Fact]
    public async Task A_chain_whose_downgrades_undo_exactly_what_its_upgrades_do_and_whose_merged_branches_agree_is_proven()
    {
        var report = await ProveAsync(
            Users(),
            Rev("a1", "r1", m => m.AddColumn("users", "name", ColumnType.String(50)).CreateIndex("users", ["name"]),
                m => m.DropIndex("users", "ix_users_name").DropColumn("users", "name")),
            Rev("b1", "r1", m => m.AddColumn("users", "active", ColumnType.Bool, nullable: false, defaultValue: true)
                .AddCheckConstraint("users", "ck_users_email", "email LIKE '%@%'"),
                m => m.DropCheckConstraint("users", "ck_users_email").DropColumn("users", "active")),
            new Revision("m1", ["a1", "b1"], "merge", "/src/app/Migrations/m1_merge.cs", () => new DelegateMigration(_ => { })));

        Assert.Empty(report.Findings);
        Assert.True(report.IsProven);
        Assert.Equal(4, report.Revisions);
        Assert.Equal(2, report.Orders);
        Assert.Empty(await Db.AllTablesAsync());
    }

    [Fact]
    public async Task A_downgrade_that_leaves_an_index_behind_is_named_with_its_revision_and_the_index()
    {
        var report = await ProveAsync(
            Users(),
            Rev("r2", "r1", m => m.CreateIndex("users", ["email"]), _ => { }),
            Rev("r3", "r2", m => m.AddColumn("users", "name", ColumnType.String(50)), m => m.DropColumn("users", "name")));

        Assert.Collection(report.Findings,
            f =>
            {
                Assert.Equal("downgrade-differs", f.Code);
                Assert.Equal(
                    "Downgrading r2 (r2_migration.cs) does not give back the schema below it (r1): index ix_users_email (email) on users " +
                    "is there but not expected. Its downgrade must undo exactly what its upgrade does.", f.Message);
            },
            f =>
            {
                // The index is still there, so the second upgrade cannot make it: the round trips stop at r2.
                Assert.Equal("round-trip-failed", f.Code);
                Assert.StartsWith("Upgrading again (after its downgrade) r2 (r2_migration.cs) failed, so the revisions after it were not replayed: " +
                    "it creates index ix_users_email", f.Message, StringComparison.Ordinal);
            });
        Assert.False(report.IsProven);
    }

    [Fact]
    public async Task Two_heads_that_add_the_same_column_differently_are_named_as_a_conflict_in_each_order()
    {
        var report = await ProveAsync(
            Users(),
            Rev("a1", "r1", m => m.AddColumn("users", "status", ColumnType.String(20)), m => m.DropColumn("users", "status")),
            Rev("b1", "r1", m => m.AddColumn("users", "status", ColumnType.Int), m => m.DropColumn("users", "status")));

        var conflicts = report.Findings.Where(f => f.Code == "branch-order-fails").Select(f => f.Message).ToList();
        Assert.Equal(
            [
                "Applying the heads a1, b1 in the order a1, b1: b1 (b1_migration.cs) fails: it creates column users.status, which already exists. " +
                "The branches conflict: users, changed by a1 (a1_migration.cs).",
                "Applying the heads a1, b1 in the order b1, a1: a1 (a1_migration.cs) fails: it creates column users.status, which already exists. " +
                "The branches conflict: users, changed by b1 (b1_migration.cs).",
            ],
            conflicts);
        Assert.Equal(2, report.Orders);
    }

    [Fact]
    public async Task Two_heads_that_both_succeed_but_leave_different_schemas_by_order_name_the_column_and_both_revisions()
    {
        var report = await ProveAsync(
            Users(),
            Rev("a1", "r1", m => m.AlterColumn("users", "email", defaultValue: "a@example.com"), m => m.AlterColumn("users", "email", dropDefault: true)),
            Rev("b1", "r1", m => m.AlterColumn("users", "email", defaultValue: "b@example.com"), m => m.AlterColumn("users", "email", dropDefault: true)));

        var differs = Assert.Single(report.Findings, f => f.Code == "branch-order-differs");
        Assert.StartsWith("Applying the heads a1, b1 in the order b1, a1 gives another schema than in the order a1, b1: column users.email defaults to ",
            differs.Message, StringComparison.Ordinal);
        Assert.EndsWith("The branches conflict: users, changed by a1 (a1_migration.cs) and b1 (b1_migration.cs).", differs.Message, StringComparison.Ordinal);
    }
}
