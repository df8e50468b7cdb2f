using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TimeTracker.Accounts.TwoFactor;

/// <summary>
/// One-time recovery codes: 10 of them, 80 random bits each (xxxx-xxxx-xxxx-xxxx in lower-case Base32), shown
/// once and stored only as SHA-256 (a JSON array in <c>users.backup_codes</c>). With 80 bits a fast hash is
/// safe: nobody can try 2^80 candidates.
/// </summary>
internal static class BackupCodes
{
    /// <summary>How many codes a user gets.</summary>
    public const int Count = 10;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>New codes and the stored form of them.</summary>
    public static (IReadOnlyList<string> Codes, string Stored) Create()
    {
        var codes = Enumerable.Range(0, Count).Select(_ => NewCode()).ToList();
        return (codes, JsonSerializer.Serialize(codes.Select(Hash).ToArray(), TwoFactorJsonContext.Default.StringArray));
    }

    /// <summary>The stored form without the code <paramref name="code"/>, or null when it is not among them.</summary>
    public static string? Without(string? stored, string code)
    {
        if (string.IsNullOrEmpty(stored))
            return null;
        var hashes = JsonSerializer.Deserialize(stored, TwoFactorJsonContext.Default.StringArray) ?? [];
        var hash = Hash(code);
        var remaining = hashes.Where(
            h => !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), Encoding.ASCII.GetBytes(hash))).ToArray();
        return remaining.Length == hashes.Length ? null : JsonSerializer.Serialize(remaining, TwoFactorJsonContext.Default.StringArray);
    }

    /// <summary>How many unused codes the stored form holds.</summary>
    public static int Remaining(string? stored) =>
        string.IsNullOrEmpty(stored) ? 0 : (JsonSerializer.Deserialize(stored, TwoFactorJsonContext.Default.StringArray) ?? []).Length;

    private static string NewCode()
    {
        var text = new StringBuilder(19);
        var bytes = RandomNumberGenerator.GetBytes(16);
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0)
                text.Append('-');
            text.Append(Alphabet[bytes[i] & 31]);
        }
        return text.ToString();
    }

    // Codes are typed by hand: case, spaces and dashes do not matter.
    private static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(new string([.. code.Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant())));
}
