using Waymark.Postgres.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Postgres.Tests;

public sealed class PostgresChecksumVersionTests : ChecksumVersionScenarios
{
    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TestDatabase.CreateScenarioAsync();
}
