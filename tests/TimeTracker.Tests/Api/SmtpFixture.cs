using TimeTracker.Tests.Email;

namespace TimeTracker.Tests.Api;

/// <summary>One real SMTP server (aiosmtpd) for the tests of a class.</summary>
public sealed class SmtpFixture : IAsyncLifetime
{
    public SmtpTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
