using System.CommandLine;
using System.Globalization;
using SyntheticChain;
using Waymark.Cli;
using Waymark.Configuration;
using Waymark.Revisions;
using Waymark.Postgres;
using Waymark.Sqlite;

// The db command set over a synthetic chain of WAYMARK_BENCH_REVISIONS revisions (default 500), to
// measure the engine on long chains through the same whole-process path as timetracker.
var count = int.Parse(Environment.GetEnvironmentVariable("WAYMARK_BENCH_REVISIONS") ?? "500", CultureInfo.InvariantCulture);
var root = new RootCommand("Waymark on a synthetic revision chain (benchmarks).");
root.Subcommands.Add(DatabaseCommandSet.Create(new WaymarkCliSettings
{
    LoadGraph = () => new RevisionGraph(Enumerable.Range(1, count).Select(n => new Revision(
        SyntheticMigration.Id(n),
        n == 1 ? [] : [SyntheticMigration.Id(n - 1)],
        $"synthetic revision {n}",
        $"{SyntheticMigration.Id(n)}_synthetic.cs",
        () => new SyntheticMigration(n)))),
    Providers = new DatabaseProviders([new SqliteProviderFactory(defaultJournalMode: "wal"), new PostgresProviderFactory()]),
    DefaultDatabaseUrl = "sqlite:///synthetic.db",
}));
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        await Console.Error.WriteLineAsync("error: " + error.Message);
    return ExitCodes.Usage;
}
return await parse.InvokeAsync();
