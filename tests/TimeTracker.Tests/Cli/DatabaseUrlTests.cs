namespace TimeTracker.Tests.Cli;

/// <summary>Where the database is: --database (URL or connection string), DATABASE_URL, or the default.</summary>
public sealed class DatabaseUrlTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Database_option_with_a_relative_sqlite_url_uses_that_file_in_the_working_directory()
    {
        var result = await _sandbox.RunAsync("db", "upgrade", "002", "--database", "sqlite:///other.db");

        result.ShouldExitWith(0);
        Assert.StartsWith("Database is at 002 ", result.OutLines[^1], StringComparison.Ordinal);
        Assert.Equal<string>(["other.db"], _sandbox.DatabaseFiles());
        Assert.Equal<string>(["002"], SqliteFile.Versions(_sandbox.PathOf("other.db")));
    }

    [Fact]
    public async Task Database_option_with_four_slashes_uses_an_absolute_path()
    {
        var work = Directory.CreateDirectory(_sandbox.PathOf("work")).FullName;
        Directory.CreateDirectory(_sandbox.PathOf("data"));
        var absolute = _sandbox.PathOf("data", "abs.db");
        Assert.True(Path.IsPathRooted(absolute));

        var result = await TimeTrackerProcess.RunAsync(work, null, "db", "--database", "sqlite:///" + absolute, "upgrade", "002");

        result.ShouldExitWith(0);
        Assert.Equal<string>([Path.Combine("data", "abs.db")], _sandbox.DatabaseFiles());
        Assert.Equal<string>(["002"], SqliteFile.Versions(absolute));
    }

    [Fact]
    public async Task DATABASE_URL_environment_variable_names_the_database_when_no_option_is_given()
    {
        var result = await _sandbox.RunWithEnvironmentAsync(
            new Dictionary<string, string?> { [TimeTrackerProcess.DatabaseUrlVariable] = "sqlite:///env.db" }, "db", "upgrade", "002");

        result.ShouldExitWith(0);
        Assert.Equal<string>(["env.db"], _sandbox.DatabaseFiles());
        Assert.Equal<string>(["002"], SqliteFile.Versions(_sandbox.PathOf("env.db")));
    }

    [Fact]
    public async Task Database_option_wins_over_DATABASE_URL()
    {
        var result = await _sandbox.RunWithEnvironmentAsync(
            new Dictionary<string, string?> { [TimeTrackerProcess.DatabaseUrlVariable] = "sqlite:///env.db" },
            "db", "upgrade", "002", "-d", "sqlite:///option.db");

        result.ShouldExitWith(0);
        Assert.Equal<string>(["option.db"], _sandbox.DatabaseFiles());
        Assert.Equal<string>(["002"], SqliteFile.Versions(_sandbox.PathOf("option.db")));
    }

    [Fact]
    public async Task Database_option_accepts_a_plain_connection_string()
    {
        var result = await _sandbox.RunAsync("db", "upgrade", "002", "--database", "Data Source=x.db");

        result.ShouldExitWith(0);
        Assert.Equal<string>(["x.db"], _sandbox.DatabaseFiles());
        Assert.Equal<string>(["002"], SqliteFile.Versions(_sandbox.PathOf("x.db")));
    }

    [Theory]
    [InlineData("foo", "neither a URL")]
    [InlineData("sqlite://x.db", "three slashes")]
    public async Task Malformed_database_url_is_a_usage_error_and_creates_no_database(string url, string explanation)
    {
        var result = await _sandbox.RunAsync("db", "upgrade", "--database", url);

        result.ShouldExitWith(2);
        Assert.Equal("", result.StdOut);
        Assert.Contains($"The database URL '{url}' is malformed", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(explanation, result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task Rejected_connection_string_is_not_echoed_with_its_password()
    {
        var result = await _sandbox.RunAsync("db", "current", "--database", "Endpoint=db;Password=hunter2");

        result.ShouldExitWith(2);
        Assert.Contains("is malformed", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postgres_connection_string_that_cannot_connect_fails_without_echoing_its_password()
    {
        var result = await _sandbox.RunAsync("db", "current", "--database", "Host=127.0.0.1;Port=1;Username=app;Password=hunter2;Database=tt");

        result.ShouldExitWith(1);
        Assert.Contains("cannot reach a PostgreSQL server at 127.0.0.1:1", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.StdErr + result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", File.ReadAllText(_sandbox.LogPath), StringComparison.Ordinal);
    }
}
