using Waymark.Postgres.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Postgres.Tests;

public sealed class PostgresReplayProofTests : ReplayProofScenarios
{
    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TestDatabase.CreateScenarioAsync();
}
