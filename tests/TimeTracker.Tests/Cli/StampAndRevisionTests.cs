namespace TimeTracker.Tests.Cli;

/// <summary><c>stamp</c> (version record only), <c>revision</c> and <c>merge</c> (new migration files).</summary>
public sealed class StampAndRevisionTests : IDisposable
{
    private const string LastHistoryRow =
        "SELECT direction || ' ' || coalesce(revision, '<null>') || ' from ' || from_versions FROM waymark_history ORDER BY id DESC LIMIT 1";

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Stamp_018_rewrites_only_the_version_record_and_records_a_stamp_in_the_history()
    {
        var db = await _sandbox.AddDatabaseAtAsync("019");
        var tables = SqliteFile.Tables(db);

        var result = await _sandbox.RunAsync("db", "stamp", "018", "--force");

        result.ShouldExitWith(0);
        Assert.Equal<string>(["Stamped the database at 018 (no migration was run)."], result.OutLines);
        Assert.Equal("", result.StdErr);
        Assert.Equal<string>(["018"], SqliteFile.Versions(db));
        Assert.Equal(tables, SqliteFile.Tables(db));
        Assert.Contains("password_hash", SqliteFile.Column(db, "SELECT name FROM pragma_table_info('users')"));
        Assert.Equal<string?>(["stamp 018 from 019"], SqliteFile.Column(db, LastHistoryRow));
    }

    [Fact]
    public async Task Stamp_base_clears_the_version_record_and_keeps_the_schema()
    {
        var db = await _sandbox.AddDatabaseAtAsync("019");
        var tables = SqliteFile.Tables(db);

        var result = await _sandbox.RunAsync("db", "stamp", "base", "--force");

        result.ShouldExitWith(0);
        Assert.Equal<string>(["Stamped the database at base (no migration was run)."], result.OutLines);
        Assert.Equal("", result.StdErr);
        Assert.Empty(SqliteFile.Versions(db));
        Assert.Equal(tables, SqliteFile.Tables(db));
        Assert.Equal<string?>(["stamp <null> from 019"], SqliteFile.Column(db, LastHistoryRow));
    }

    [Fact]
    public async Task Revision_writes_027_add_widgets_following_the_head_026_into_the_given_directory()
    {
        var directory = _sandbox.PathOf("new-migrations");

        var result = await _sandbox.RunAsync("db", "revision", "-m", "add widgets", "--dir", directory);

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        var file = Path.Combine(directory, "027_add_widgets.cs");
        Assert.Equal<string>([$"Created {file}. Fill in Upgrade and Downgrade, then rebuild so the application includes it."], result.OutLines);
        Assert.Equal<string>([file], Directory.GetFiles(directory));
        var source = await File.ReadAllTextAsync(file);
        Assert.Contains("namespace TimeTracker.Migrations;", source, StringComparison.Ordinal);
        Assert.Contains($"[Revision(\"027\", DownRevision = \"{ExpectedChain.Head}\", Message = \"add widgets\")]", source, StringComparison.Ordinal);
        Assert.Contains("class M027_AddWidgets : Migration", source, StringComparison.Ordinal);
        Assert.Contains("public override void Upgrade(MigrationBuilder migrate)", source, StringComparison.Ordinal);
        Assert.Contains("public override void Downgrade(MigrationBuilder migrate)", source, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_sandbox.PathOf("Migrations")), "revision also wrote to the default Migrations directory");
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task Merge_with_a_single_head_is_a_usage_error_and_writes_nothing()
    {
        var directory = _sandbox.PathOf("new-migrations");

        var result = await _sandbox.RunAsync("db", "merge", "-m", "x", "--dir", directory);

        result.ShouldExitWith(2);
        Assert.Equal("", result.StdOut);
        Assert.Contains("nothing to merge", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"({ExpectedChain.Head})", result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any(), "merge wrote a file");
    }
}
