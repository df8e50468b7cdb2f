using TimeTracker.Tests.Email;
using Waymark.Linting;

namespace TimeTracker.Tests.Chain;

/// <summary>
/// <c>db lint base:head</c> on TimeTracker's chain, on SQLite and PostgreSQL, with a live database at head holding rows:
/// it finds exactly what docs/database.md's table of TimeTracker's findings explains, and nothing pending at head.
/// </summary>
public sealed class ChainLintTests
{
    [Theory]
    [InlineData(ChainDialect.Sqlite, "sqlite")]
    [InlineData(ChainDialect.Postgres, "postgres")]
    public async Task The_whole_chain_lints_to_exactly_the_findings_docs_database_md_explains(ChainDialect dialect, string name)
    {
        await using var database = await ChainDatabase.CreateAsync(dialect);
        await database.Migrator.UpgradeAsync("head", CancellationToken.None);
        await using (var connection = await database.OpenAsync())
            await SampleRows.InsertAsync(connection, await database.SchemaAsync());
        var linter = new Linter(database.Graph, database.Provider);

        var whole = await linter.LintAsync("base:head", CancellationToken.None);
        var pending = await linter.LintAsync(null, CancellationToken.None);

        Assert.Equal(database.Graph.Revisions.Select(r => r.Id), whole.Revisions);
        Assert.Equal(Documented(name), [.. whole.Findings.Select(f => $"{f.Rule.Id} {f.Revision} {f.Table}").Order(StringComparer.Ordinal)]);
        Assert.Empty(pending.Revisions);
        Assert.Empty(pending.Findings);
    }

    /// <summary>The table between the lint-findings markers of docs/database.md, one "RULE revision table" per finding.</summary>
    private static List<string> Documented(string dialect)
    {
        var text = File.ReadAllText(Path.Combine(SmtpTestServer.RepositoryRoot(), "docs", "database.md"));
        var start = text.IndexOf("<!-- lint-findings:start -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- lint-findings:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/database.md lists TimeTracker's lint findings between the lint-findings markers");
        var findings = new List<string>();
        foreach (var line in text[start..end].Split('\n').Where(l => l.StartsWith("| WM", StringComparison.Ordinal)))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells[3] == dialect)
                findings.AddRange(cells[4].Split(", ").Select(table => $"{cells[1]} {cells[2]} {table}"));
        }
        return [.. findings.Order(StringComparer.Ordinal)];
    }
}
