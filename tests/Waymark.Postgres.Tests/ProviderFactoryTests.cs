using Npgsql;
using Waymark.Configuration;

namespace Waymark.Postgres.Tests;

/// <summary>postgresql:// URLs and Npgsql connection strings, parsed without a server.</summary>
public sealed class ProviderFactoryTests
{
    private static PostgresDatabaseProvider Create(string url) =>
        Assert.IsType<PostgresDatabaseProvider>(new PostgresProviderFactory().TryCreate(DatabaseUrl.Parse(url)));

    private static NpgsqlConnectionStringBuilder Parse(string url) => new(Create(url).ConnectionString);

    [Theory]
    [InlineData("postgresql://app:secret@db.example.com:6543/appdb")]
    [InlineData("postgres://app:secret@db.example.com:6543/appdb")]
    [InlineData("POSTGRESQL://app:secret@db.example.com:6543/appdb")]
    public void A_postgresql_or_postgres_url_gives_host_port_database_user_and_password(string url)
    {
        var settings = Parse(url);

        Assert.Equal("db.example.com", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("appdb", settings.Database);
        Assert.Equal("app", settings.Username);
        Assert.Equal("secret", settings.Password);
        Assert.Equal("waymark", settings.ApplicationName);
    }

    [Fact]
    public void The_factory_answers_to_both_schemes()
    {
        Assert.Equal(["postgresql", "postgres"], new PostgresProviderFactory().Schemes);
    }

    [Fact]
    public void Percent_encoded_user_password_and_database_are_decoded()
    {
        var settings = Parse("postgresql://us%40er:p%40ss%3Aw%2Fd%25@db.example.com/my%20db");

        Assert.Equal("us@er", settings.Username);
        Assert.Equal("p@ss:w/d%", settings.Password);
        Assert.Equal("my db", settings.Database);
        Assert.Equal(NpgsqlConnection.DefaultPort, settings.Port);
    }

    [Fact]
    public void A_plain_p_at_ss_password_decodes_to_the_at_sign()
    {
        Assert.Equal("p@ss", Parse("postgresql://app:p%40ss@localhost/appdb").Password);
    }

    [Theory]
    [InlineData("postgresql://app@[::1]:5433/appdb", "::1", 5433)]
    [InlineData("postgresql://app@[2001:db8::7]/appdb", "2001:db8::7", 5432)]
    [InlineData("postgresql://app@localhost/appdb", "localhost", 5432)]
    [InlineData("postgresql://localhost:15432/appdb", "localhost", 15432)]
    public void Ipv6_hosts_in_brackets_and_ports_are_understood(string url, string host, int port)
    {
        var settings = Parse(url);

        Assert.Equal(host, settings.Host);
        Assert.Equal(port, settings.Port);
        Assert.Equal("appdb", settings.Database);
    }

    [Theory]
    [InlineData("postgresql://app@/appdb?host=/var/run/postgresql")]
    [InlineData("postgresql:///appdb?host=%2Fvar%2Frun%2Fpostgresql&user=app")]
    public void An_empty_host_with_a_host_option_connects_through_a_unix_socket_directory(string url)
    {
        var settings = Parse(url);

        Assert.Equal("/var/run/postgresql", settings.Host);
        Assert.Equal("appdb", settings.Database);
        Assert.Equal("app", settings.Username);
        Assert.Equal("postgresql://app@/var/run/postgresql/appdb", Create(url).DisplayName);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("allow", SslMode.Allow)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    public void Sslmode_maps_to_npgsqls_ssl_mode(string sslmode, SslMode expected)
    {
        Assert.Equal(expected, Parse($"postgresql://app@db/appdb?sslmode={sslmode}").SslMode);
    }

    [Fact]
    public void The_other_libpq_options_are_mapped()
    {
        var settings = Parse("postgresql://db/appdb?user=ops&password=pw&port=6000&dbname=other&application_name=deploy&connect_timeout=7&search_path=app,public&sslrootcert=/etc/ca.pem");

        Assert.Equal("ops", settings.Username);
        Assert.Equal("pw", settings.Password);
        Assert.Equal(6000, settings.Port);
        Assert.Equal("other", settings.Database);
        Assert.Equal("deploy", settings.ApplicationName);
        Assert.Equal(7, settings.Timeout);
        Assert.Equal("app,public", settings.SearchPath);
        Assert.Equal("/etc/ca.pem", settings.RootCertificate);
        Assert.Equal("app", Parse("postgresql://db/appdb?options=-c%20search_path%3Dapp").SearchPath);
    }

    [Fact]
    public void An_unknown_option_is_refused_naming_it_without_the_password()
    {
        var error = Assert.Throws<InvalidDatabaseUrlException>(() => Create("postgresql://app:hunter2@db/appdb?cache=shared"));

        Assert.Contains("'cache'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sslmode", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://app:p%40ss@db/appdb?sslmode=sometimes", "sslmode 'sometimes'")]
    [InlineData("postgresql://app:p%40ss@db:99999/appdb", "'99999' is not a port number")]
    [InlineData("postgresql://app:p%40ss@db:port/appdb", "'port' is not a port number")]
    [InlineData("postgresql://app:p%40ss@[::1/appdb", "closing ']'")]
    [InlineData("postgresql://app:p%40ss@/appdb", "names no host")]
    public void A_malformed_url_is_refused_with_the_reason_and_without_the_password(string url, string reason)
    {
        var error = Assert.Throws<InvalidDatabaseUrlException>(() => Create(url));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p%40ss", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_percent_escape_is_refused()
    {
        var error = Assert.Throws<InvalidDatabaseUrlException>(() => Create("postgresql://app:p%zzss@db/appdb"));

        Assert.Contains("malformed percent-escape", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p%zzss", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.example.com;Port=6543;Database=appdb;Username=app;Password=secret")]
    [InlineData("Server=db.example.com;Port=6543;Database=appdb;User ID=app;Password=secret")]
    [InlineData("host = db.example.com ; port=6543; database=appdb; username=app; password=secret")]
    public void An_npgsql_connection_string_is_accepted(string connectionString)
    {
        var provider = Create(connectionString);
        var settings = new NpgsqlConnectionStringBuilder(provider.ConnectionString);

        Assert.Equal("db.example.com", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("appdb", settings.Database);
        Assert.Equal("app", settings.Username);
        Assert.Equal("secret", settings.Password);
        Assert.Equal("postgresql://app@db.example.com:6543/appdb", provider.DisplayName);
    }

    [Fact]
    public void An_npgsql_connection_string_with_an_unknown_key_is_refused_without_the_password()
    {
        var error = Assert.Throws<InvalidDatabaseUrlException>(() => Create("Host=db;Password=hunter2;Frobnicate=yes"));

        Assert.Contains("frobnicate", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:///app.db")]
    [InlineData("sqlite:////var/data/app.db")]
    [InlineData("mysql://app:secret@db/appdb")]
    [InlineData("Data Source=app.db")]
    [InlineData("Data Source=app.db;Mode=ReadOnly")]
    public void Urls_and_connection_strings_of_other_databases_are_left_to_other_factories(string url)
    {
        Assert.Null(new PostgresProviderFactory().TryCreate(DatabaseUrl.Parse(url)));
    }

    [Theory]
    [InlineData("postgresql://app:s3cr%2Ft@db.example.com/appdb", "postgresql://app@db.example.com/appdb")]
    [InlineData("postgresql://app:s3cr%2Ft@db.example.com:6543/appdb", "postgresql://app@db.example.com:6543/appdb")]
    [InlineData("postgresql://db.example.com/appdb?user=app&password=s3cr%2Ft", "postgresql://app@db.example.com/appdb")]
    [InlineData("Host=db.example.com;Username=app;Password=s3cr/t;Database=appdb", "postgresql://app@db.example.com/appdb")]
    [InlineData("Host=db.example.com;Username=app;Password=s3cr/t", "postgresql://app@db.example.com/app")]
    public void The_display_name_never_contains_the_password(string url, string displayName)
    {
        var provider = Create(url);

        Assert.Equal(displayName, provider.DisplayName);
        Assert.DoesNotContain("s3cr", provider.DisplayName, StringComparison.Ordinal);
        Assert.Equal("s3cr/t", new NpgsqlConnectionStringBuilder(provider.ConnectionString).Password);
    }

    [Fact]
    public void The_factory_is_found_among_several_by_database_providers()
    {
        var providers = new DatabaseProviders([new PostgresProviderFactory()]);

        Assert.IsType<PostgresDatabaseProvider>(providers.Create("postgres://app@db/appdb"));
        var error = Assert.Throws<InvalidDatabaseUrlException>(() => providers.Create("sqlite:///app.db"));
        Assert.Contains("postgresql, postgres", error.Message, StringComparison.Ordinal);
    }
}
