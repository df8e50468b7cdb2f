using Waymark.Diagnosis;
using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Testing;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>
/// A foreign key or check added <c>NOT VALID</c> to a table with rows is in force for new rows at once and checks the
/// old ones only when a later revision validates it; the schema reader says whether it is validated, and the doctor
/// finds the database at its revision either way.
/// </summary>
public sealed class NotValidConstraintTests : DatabaseTest
{
    private static Revision[] Chain() =>
    [
        Rev("c1", null, m => m
            .CreateTable("users", t => t.Id())
            .CreateTable("orders", t =>
            {
                t.Id();
                t.BigInt("user_id").NotNull();
                t.Int("total").NotNull();
            })),
        Rev("c2", "c1", m => m
            .AddForeignKey("orders", "user_id", "users", notValid: true)
            .AddCheckConstraint("orders", "ck_orders_total", "total >= 0", notValid: true)),
        Rev("c3", "c2", m => m.ValidateConstraint("orders", "fk_orders_user_id")),
        Rev("c4", "c3", m => m.ValidateConstraint("orders", "ck_orders_total")),
    ];

    private async Task<(bool ForeignKey, bool Check)> NotValidAsync()
    {
        var orders = await Db.ReadTableAsync("orders");
        return (orders.ForeignKeys.Single(k => k.Name == "fk_orders_user_id").NotValid, orders.CheckConstraints.Single(c => c.Name == "ck_orders_total").NotValid);
    }

    private async Task AtC1WithABrokenRowAsync()
    {
        await Db.Migrator(Chain()).UpgradeAsync("c1", CancellationToken.None);
        await Db.ExecuteAsync("INSERT INTO users (id) VALUES (1); INSERT INTO orders (user_id, total) VALUES (1, 10), (99, -5)");
    }

    [Fact]
    public async Task Not_valid_constraints_are_added_over_rows_that_break_them_and_read_back_as_not_validated_and_the_doctor_finds_their_revision()
    {
        await AtC1WithABrokenRowAsync();

        await Db.Migrator(Chain()).UpgradeAsync("c2", CancellationToken.None);

        Assert.Equal((true, true), await NotValidAsync());
        Assert.Equal(["ck_orders_total|false", "fk_orders_user_id|false"], await Db.RowsAsync(
            "SELECT conname, convalidated FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype IN ('f', 'c') ORDER BY conname"));
        var newRow = await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() => Db.ExecuteAsync("INSERT INTO orders (user_id, total) VALUES (1, -1)"));
        Assert.Equal("23514", newRow.SqlState);
        var report = await new Doctor(new RevisionGraph(Chain()), Db.Provider(), ScenarioDatabase.Options).ExamineAsync(CancellationToken.None);
        Assert.True(report.IsHealthy, string.Join("\n", report.Findings));
    }

    [Fact]
    public async Task Validating_over_a_row_that_breaks_the_constraint_fails_naming_it_and_leaves_the_revision_unrecorded_then_succeeds_once_the_row_is_fixed()
    {
        await AtC1WithABrokenRowAsync();
        await Db.Migrator(Chain()).UpgradeAsync("c2", CancellationToken.None);

        var foreignKey = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(Chain()).UpgradeAsync("c3", CancellationToken.None));
        Assert.True(foreignKey.RolledBack);
        Assert.Contains("violates foreign key constraint \"fk_orders_user_id\"", foreignKey.Message, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE \"orders\" VALIDATE CONSTRAINT \"fk_orders_user_id\"", foreignKey.Message, StringComparison.Ordinal);
        Assert.Equal(["c2"], await Db.VersionRowsAsync());

        // Not by updating the row: an updated row is a new row, and the check, NOT VALID or not, refuses its total.
        await Db.ExecuteAsync("INSERT INTO users (id) VALUES (99)");
        await Db.Migrator(Chain()).UpgradeAsync("c3", CancellationToken.None);
        var check = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(Chain()).UpgradeAsync("c4", CancellationToken.None));
        Assert.Contains("check constraint \"ck_orders_total\" of relation \"orders\" is violated by some row", check.Message, StringComparison.Ordinal);
        Assert.Equal(["c3"], await Db.VersionRowsAsync());
        Assert.Equal((false, true), await NotValidAsync());

        await Db.ExecuteAsync("UPDATE orders SET total = 0 WHERE total < 0");
        await Db.Migrator(Chain()).UpgradeAsync("head", CancellationToken.None);
        Assert.Equal((false, false), await NotValidAsync());
        Assert.Equal(["c4"], await Db.VersionRowsAsync());
    }
}
