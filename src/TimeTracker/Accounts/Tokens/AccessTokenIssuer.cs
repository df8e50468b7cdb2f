using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TimeTracker.Accounts.Tokens;

/// <summary>Issues the short-lived JWT access tokens (HMAC-SHA256) that JwtBearer checks on every request.</summary>
internal sealed class AccessTokenIssuer(IOptions<JwtOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    // One key object for the process: the token library caches its HMAC per key instance.
    private readonly SigningCredentials _credentials = new(SigningKey(options.Value), SecurityAlgorithms.HmacSha256);

    /// <summary>The key access tokens are signed and checked with.</summary>
    public static SymmetricSecurityKey SigningKey(JwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey ?? ""));
    }

    /// <summary>An access token for <paramref name="user"/> and how many seconds it works.</summary>
    public (string Token, int ExpiresIn) Issue(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(CultureInfo.InvariantCulture),
                [JwtRegisteredClaimNames.Email] = user.Email,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                [SecurityStamps.ClaimType] = user.SecurityStamp,
            },
            SigningCredentials = _credentials,
        });
        return (token, (int)settings.AccessTokenLifetime.TotalSeconds);
    }
}
