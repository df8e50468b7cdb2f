using TimeTracker.Database;
using TimeTracker.Tests.Chain;

namespace TimeTracker.Tests.Database;

/// <summary>Rows read by column name (<see cref="DbRow"/>): a query that does not return a column a mapping reads fails, naming both.</summary>
public sealed class DbRowTests
{
    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Columns_are_read_by_name_whatever_their_position(ChainDialect dialect)
    {
        await using var database = await ChainDatabase.CreateAsync(dialect);
        await using var session = await OpenWithNoteAsync(database);

        var note = await session.QuerySingleOrDefaultAsync("SELECT body, written_at, id FROM notes",
            r => (Id: r.Int64("id"), Body: r.String("body"), WrittenAt: r.Instant("written_at")), CancellationToken.None);

        Assert.Equal((1L, "first", Written), note);
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task A_column_the_query_does_not_return_is_reported_by_name_with_the_query(ChainDialect dialect)
    {
        await using var database = await ChainDatabase.CreateAsync(dialect);
        await using var session = await OpenWithNoteAsync(database);
        const string Sql = "SELECT id, body FROM notes";

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            session.QueryAsync(Sql, r => (r.Int64("id"), r.InstantOrNull("written_at")), CancellationToken.None));

        Assert.Contains("no column named 'written_at'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("it returns id, body", missing.Message, StringComparison.Ordinal);
        Assert.Contains(Sql, missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task A_name_two_joined_columns_share_is_refused_rather_than_read_from_either(ChainDialect dialect)
    {
        await using var database = await ChainDatabase.CreateAsync(dialect);
        await using var session = await OpenWithNoteAsync(database);

        var batch = new SqlBatch(session);
        batch.Query("SELECT a.id, b.id FROM notes a JOIN notes b ON b.id = a.id", r => r.Int64("id"));
        var ambiguous = await Assert.ThrowsAsync<InvalidOperationException>(() => batch.ExecuteAsync(CancellationToken.None));

        Assert.Contains("two columns named 'id'", ambiguous.Message, StringComparison.Ordinal);
    }

    private static readonly DateTimeOffset Written = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static async Task<DbSession> OpenWithNoteAsync(ChainDatabase database)
    {
        var session = DbSession.Over(await database.OpenAsync(), ownsConnection: true);
        var timestamp = database.Dialect == ChainDialect.Postgres ? "TIMESTAMPTZ" : "TEXT";
        await session.ExecuteAsync(
            $"CREATE TABLE notes (id BIGINT PRIMARY KEY, body VARCHAR(100) NOT NULL, written_at {timestamp} NOT NULL)", CancellationToken.None);
        await session.ExecuteAsync("INSERT INTO notes (id, body, written_at) VALUES (1, 'first', @at)", CancellationToken.None, ("at", Written));
        return session;
    }
}
