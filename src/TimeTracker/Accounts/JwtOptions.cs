namespace TimeTracker.Accounts;

/// <summary>The <c>Jwt</c> configuration section: how access tokens are signed and checked.</summary>
internal sealed class JwtOptions
{
    /// <summary>The smallest signing key HMAC-SHA256 is used with (RFC 7518 §3.2: the key as long as the hash).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// The HMAC-SHA256 key (<c>Jwt:SigningKey</c>, environment <c>Jwt__SigningKey</c>): at least 32 bytes of
    /// UTF-8 text, e.g. the output of <c>openssl rand -base64 48</c>. Never in source; the host refuses to start without it.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The <c>iss</c> of issued tokens.</summary>
    public string Issuer { get; set; } = "timetracker";

    /// <summary>The <c>aud</c> of issued tokens.</summary>
    public string Audience { get; set; } = "timetracker-api";

    /// <summary>How long an access token works.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The clock difference tolerated between servers when checking expiry.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
