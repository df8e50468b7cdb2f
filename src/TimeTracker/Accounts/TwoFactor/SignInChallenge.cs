using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace TimeTracker.Accounts.TwoFactor;

/// <summary>
/// The short-lived proof that a sign-in got the password right and now owes its second factor: the user id
/// and an expiry, encrypted and authenticated with Data Protection (so any replica can read it, nobody can forge it).
/// </summary>
internal sealed class SignInChallenge(IDataProtectionProvider protection, IOptions<AccountOptions> options, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("TimeTracker.Accounts.SignInChallenge.v1");

    /// <summary>A challenge for <paramref name="userId"/>, valid for <see cref="AccountOptions.TwoFactorChallengeLifetime"/>.</summary>
    public string Issue(long userId)
    {
        var expires = (time.GetUtcNow() + options.Value.TwoFactorChallengeLifetime).ToUnixTimeSeconds();
        return _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{userId}:{expires}"));
    }

    /// <summary>The user of a genuine, unexpired challenge, or null.</summary>
    public long? Read(string challenge)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(challenge);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow().ToUnixTimeSeconds() < expires
            ? userId
            : null;
    }
}
