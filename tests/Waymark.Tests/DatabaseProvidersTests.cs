using Waymark.Configuration;

namespace Waymark.Tests;

public sealed class DatabaseProvidersTests
{
    [Fact]
    public void An_unsupported_scheme_is_refused_naming_it_without_the_password()
    {
        var providers = new DatabaseProviders([]);

        var error = Assert.Throws<InvalidDatabaseUrlException>(() => providers.Create("mysql://root:s3cr3t-pw@db/app"));

        Assert.Contains("the scheme 'mysql' is not supported", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unrecognised_connection_string_is_refused_without_echoing_its_password()
    {
        var providers = new DatabaseProviders([]);

        var error = Assert.Throws<InvalidDatabaseUrlException>(() => providers.Create("Host=db;Username=app;Password=s3cr3t-pw"));

        Assert.Contains("no supported database recognises this connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-pw", error.Message, StringComparison.Ordinal);
    }
}
