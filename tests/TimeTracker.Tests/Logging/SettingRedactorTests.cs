using TimeTracker.Logging;

namespace TimeTracker.Tests.Logging;

/// <summary>Which settings count as secrets, in the forms a command line, an environment or an error gives them.</summary>
public sealed class SettingRedactorTests
{
    [Theory]
    [InlineData("serve --Jwt:SigningKey=abc --urls x", "serve --Jwt:SigningKey=*** --urls x")]
    [InlineData("--Stripe:WebhookSecrets:0=whsec_1 --Stripe:WebhookSecrets:1=whsec_2", "--Stripe:WebhookSecrets:0=*** --Stripe:WebhookSecrets:1=***")]
    [InlineData("Stripe__SecretKey=sk_live_1; Email__Smtp__Password = 'p w'", "Stripe__SecretKey=***; Email__Smtp__Password = ***")]
    [InlineData("Unrecognized argument '--Api:Token=t0k'.", "Unrecognized argument '--Api:Token=***'.")]
    [InlineData("--DataProtection:KeyFile=/var/lib/tt/ring.key --Accounts:PasswordHash:MemorySize=65536", "--DataProtection:KeyFile=/var/lib/tt/ring.key --Accounts:PasswordHash:MemorySize=65536")]
    [InlineData("https://app.example.test/reset-password?token=abc&password=x", "https://app.example.test/reset-password?token=abc&password=x")]
    public void Redact_masks_the_value_of_every_key_that_names_a_key_secret_token_or_password(string text, string expected) =>
        Assert.Equal(expected, SettingRedactor.Redact(text));

    [Fact]
    public void RedactArguments_masks_the_value_that_follows_a_secret_option_given_without_equals_sign() =>
        Assert.Equal(["serve", "--Jwt:SigningKey", "***", "--urls", "http://x", "--Email:Smtp:Password=***"],
            SettingRedactor.RedactArguments(["serve", "--Jwt:SigningKey", "k3y", "--urls", "http://x", "--Email:Smtp:Password=pw"]));

    [Fact]
    public void RedactQuoted_masks_a_secret_value_an_error_quotes_on_its_own() =>
        Assert.Equal("Unrecognized command or argument '***'.",
            SettingRedactor.RedactQuoted("Unrecognized command or argument 'k3y-value'.", ["db", "current", "--Jwt:SigningKey", "k3y-value"]));
}
