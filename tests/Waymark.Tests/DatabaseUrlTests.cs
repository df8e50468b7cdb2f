using Waymark.Configuration;

namespace Waymark.Tests;

public sealed class DatabaseUrlTests
{
    [Fact]
    public void A_relative_sqlite_url_keeps_one_slash_in_the_body()
    {
        var url = DatabaseUrl.Parse("sqlite:///timetracker.db");

        Assert.Equal("sqlite", url.Scheme);
        Assert.Equal("/timetracker.db", url.Body);
        Assert.False(url.IsConnectionString);
    }

    [Fact]
    public void An_absolute_sqlite_url_keeps_two_slashes_in_the_body()
    {
        var url = DatabaseUrl.Parse("sqlite:////var/data/app.db");

        Assert.Equal("//var/data/app.db", url.Body);
    }

    [Fact]
    public void The_scheme_is_lower_cased_and_the_text_trimmed_but_the_body_keeps_its_case()
    {
        var url = DatabaseUrl.Parse("  SQLite:///Data/App.db  ");

        Assert.Equal("sqlite", url.Scheme);
        Assert.Equal("/Data/App.db", url.Body);
        Assert.Equal("SQLite:///Data/App.db", url.Original);
    }

    [Fact]
    public void A_server_url_keeps_credentials_host_and_database_in_the_body()
    {
        var url = DatabaseUrl.Parse("postgresql+npgsql://user:secret@localhost:5432/app");

        Assert.Equal("postgresql+npgsql", url.Scheme);
        Assert.Equal("user:secret@localhost:5432/app", url.Body);
    }

    [Fact]
    public void A_connection_string_has_no_scheme_and_is_kept_whole()
    {
        var url = DatabaseUrl.Parse("Data Source=app.db;Cache=Shared");

        Assert.True(url.IsConnectionString);
        Assert.Null(url.Scheme);
        Assert.Equal("Data Source=app.db;Cache=Shared", url.Body);
    }

    [Fact]
    public void ToString_never_shows_the_body()
    {
        Assert.Equal("postgresql://…", DatabaseUrl.Parse("postgresql://user:secret@host/app").ToString());
        Assert.Equal("(connection string)", DatabaseUrl.Parse("Host=db;Password=secret").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_input_is_refused(string value)
    {
        var error = Assert.Throws<InvalidDatabaseUrlException>(() => DatabaseUrl.Parse(value));

        Assert.Contains("it is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.db")]
    [InlineData("://app.db")]
    [InlineData("1sqlite:///app.db")]
    [InlineData("sq lite:///app.db")]
    [InlineData("Data Source=x;Host=://y")]
    public void Text_that_is_neither_a_url_nor_a_connection_string_is_refused(string value)
    {
        var error = Assert.Throws<InvalidDatabaseUrlException>(() => DatabaseUrl.Parse(value));

        Assert.IsAssignableFrom<WaymarkUsageException>(error);
        Assert.Contains("neither a URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:///", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_of_a_malformed_url_is_not_echoed_in_the_message()
    {
        var error = Assert.Throws<InvalidDatabaseUrlException>(() => DatabaseUrl.Parse("postgre sql://admin:s3cr3t-pw@db.example.com/app"));

        Assert.DoesNotContain("s3cr3t-pw", error.Message, StringComparison.Ordinal);
        Assert.Contains("admin:***@db.example.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_of_a_url_missing_a_slash_is_not_echoed_in_the_message()
    {
        var error = Assert.Throws<InvalidDatabaseUrlException>(() => DatabaseUrl.Parse("postgresql:/admin:s3cr3t-pw@db.example.com/app"));

        Assert.DoesNotContain("s3cr3t-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_input_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => DatabaseUrl.Parse(null!));
    }
}
