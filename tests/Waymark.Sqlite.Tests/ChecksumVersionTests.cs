using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Sqlite.Tests;

public sealed class SqliteChecksumVersionTests : ChecksumVersionScenarios
{
    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TempDatabase.CreateAsync();
}
