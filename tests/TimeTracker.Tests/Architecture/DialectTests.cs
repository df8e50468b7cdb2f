using TimeTracker.Database;

namespace TimeTracker.Tests.Architecture;

/// <summary>
/// Feature code asks the session's <see cref="SqlDialect"/> for what it needs and never which database it runs on:
/// no driver type (Npgsql, Microsoft.Data.Sqlite), no raw connection or transaction, no choice of dialect.
/// Only <c>TimeTracker.Database</c> and the migrations know the drivers.
/// </summary>
public sealed class DialectTests
{
    private static readonly string[] Features = ["Accounts", "Organizations", "Tracking", "Billing", "Email"];

    private static readonly Lazy<FeatureReferences> App = new(() => FeatureReferences.Of(typeof(AppDatabase).Assembly.Location));

    /// <summary>What feature code must not refer to: a driver's namespace, a raw ADO.NET session, or a dialect test.</summary>
    private static readonly string[] Forbidden =
    [
        "Npgsql.", "NpgsqlTypes.", "Microsoft.Data.Sqlite.", "SQLitePCL.",
        "System.Data.Common.DbConnection", "System.Data.Common.DbTransaction",
        "TimeTracker.Database.SqlDialect::get_Postgres", "TimeTracker.Database.SqlDialect::get_Sqlite", "TimeTracker.Database.SqlDialect::Of",
        "TimeTracker.Database.AppDatabase::get_Dialect", "TimeTracker.Database.AppDatabase::get_Provider",
        "TimeTracker.Database.AppDatabase::OpenAsync",
        "TimeTracker.Database.DbSession::Over",
    ];

    public static TheoryData<string> FeatureNamespaces() => [.. Features];

    [Theory]
    [MemberData(nameof(FeatureNamespaces))]
    public void A_feature_refers_to_no_driver_and_asks_no_dialect_question(string feature)
    {
        var offending = Offending(feature);
        Assert.True(offending.Count == 0, $"TimeTracker.{feature} asks which database it runs on, or uses a driver: " + string.Join("; ", offending) +
            ". Ask the session's SqlDialect for the capability instead (TimeTracker.Database).");
    }

    [Fact]
    public void The_rule_reads_the_features_code_and_sees_what_they_use()
    {
        // The scan must see through lambdas and async state machines, or every rule above would pass vacuously.
        Assert.Contains("TimeTracker.Database.SqlDialect::LockForChange", App.Value.ByType["TimeTracker.Tracking.Entries.TimeEntryStore"]);
        Assert.Contains("TimeTracker.Database.DbSession::BeginAsync", App.Value.ByType["TimeTracker.Organizations.Invitations"]);
        Assert.Contains("Npgsql.NpgsqlConnection", App.Value.ByType["TimeTracker.Database.SqlDialect"]);
    }

    private static List<string> Offending(string feature) =>
    [
        .. from type in App.Value.ByType
           where type.Key.StartsWith($"TimeTracker.{feature}.", StringComparison.Ordinal)
           from used in type.Value
           where Forbidden.Any(f => used.StartsWith(f, StringComparison.Ordinal) || used.Contains(" " + f, StringComparison.Ordinal))
           select $"{type.Key} uses {used}",
    ];
}
