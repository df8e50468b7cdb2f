using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace TimeTracker.Accounts.TwoFactor;

/// <summary>
/// The short-lived proof that a sign-in got the password right and now owes its second factor: the user id, the
/// user's security stamp and an expiry, encrypted and authenticated with Data Protection (so any replica can read
/// it, nobody can forge it). The stamp ties it to the credentials it was issued for: once a reset or a change of
/// password bumps the stamp, the challenge is refused.
/// </summary>
internal sealed class SignInChallenge(IDataProtectionProvider protection, IOptions<AccountOptions> options, TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("TimeTracker.Accounts.SignInChallenge.v1");

    /// <summary>A challenge for <paramref name="user"/>, valid for <see cref="AccountOptions.TwoFactorChallengeLifetime"/>.</summary>
    public string Issue(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var expires = (time.GetUtcNow() + options.Value.TwoFactorChallengeLifetime).ToUnixTimeSeconds();
        return _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{user.Id}:{user.SecurityStamp}:{expires}"));
    }

    /// <summary>The user and security stamp of a genuine, unexpired challenge, or null.</summary>
    public (long UserId, int SecurityStamp)? Read(string challenge)
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
        return parts.Length == 3
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var stamp)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow().ToUnixTimeSeconds() < expires
            ? (userId, stamp)
            : null;
    }
}
