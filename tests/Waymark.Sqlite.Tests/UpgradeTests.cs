using Waymark.Schema;
using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Sqlite.Tests;

public sealed class SqliteUpgradeTests : UpgradeScenarios
{
    protected override ColumnType VersionColumnType => ColumnType.Native("TEXT");

    protected override string StartedAtNativeType => "TEXT";

    protected override string HistoryRowsNotStartedRecentlySql =>
        "SELECT count(*) FROM waymark_history WHERE julianday(started_at) NOT BETWEEN julianday('now', '-10 minutes') AND julianday('now', '+1 minute')";

    protected override string JoinedAtAsTextSql => "strftime('%Y-%m-%d %H:%M:%S', joined_at)";

    protected override string StoredTrue => "1";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TempDatabase.CreateAsync();
}
