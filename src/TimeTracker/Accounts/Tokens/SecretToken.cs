using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace TimeTracker.Accounts.Tokens;

/// <summary>
/// A 256-bit random token sent to a user once (email links, refresh tokens); the database keeps only its
/// SHA-256, so a leaked table gives no working token. A slow hash is not needed: the token is not guessable.
/// </summary>
internal sealed record SecretToken(string Value, string Hash)
{
    /// <summary>A new random token and its hash.</summary>
    public static SecretToken Create()
    {
        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new SecretToken(value, HashOf(value));
    }

    /// <summary>The stored form of <paramref name="value"/>: SHA-256 as 64 lowercase hex digits.</summary>
    public static string HashOf(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value ?? "")));
}
