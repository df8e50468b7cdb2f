using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Sqlite.Tests;

/// <summary>The shared non-transactional scenarios on SQLite, which has no concurrent index build.</summary>
public sealed class SqliteNonTransactionalMigrationTests : NonTransactionalScenarios
{
    protected override string CreateIndex => "CREATE INDEX";

    protected override string DropIndex => "DROP INDEX";

    protected override string MissingTableMessagePart => "no such table: main.no_such_table";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TempDatabase.CreateAsync();

    protected override async Task AssertIndexIsValidAsync(string index) => Assert.True(await Db.IndexExistsAsync(index));
}
