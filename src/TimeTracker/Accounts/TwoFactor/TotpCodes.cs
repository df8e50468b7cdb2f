using OtpNet;

namespace TimeTracker.Accounts.TwoFactor;

/// <summary>
/// RFC 6238 time-based codes as authenticator apps make them (Otp.NET): HMAC-SHA-1, 6 digits, 30-second steps,
/// one step of drift either way.
/// </summary>
internal static class TotpCodes
{
    /// <summary>Seconds per time step.</summary>
    public const int StepSeconds = 30;

    /// <summary>Digits per code.</summary>
    public const int Digits = 6;

    /// <summary>A new 160-bit secret (RFC 4226 recommends at least 128, and 160 matches SHA-1's output).</summary>
    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(20);

    /// <summary>The secret as authenticator apps take it: Base32 without padding.</summary>
    public static string ToBase32(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    /// <summary>The code for the step containing <paramref name="at"/>.</summary>
    public static string CodeAt(byte[] secret, DateTimeOffset at, int digits = Digits, OtpHashMode hash = OtpHashMode.Sha1) =>
        new Totp(secret, StepSeconds, hash, digits).ComputeTotp(at.UtcDateTime);

    /// <summary>The time step <paramref name="code"/> belongs to (now, one before or one after), or null.</summary>
    public static long? MatchingStep(byte[] secret, string code, DateTimeOffset now)
    {
        var digitsOnly = new string([.. (code ?? "").Where(c => !char.IsWhiteSpace(c))]);
        if (digitsOnly.Length != Digits || !digitsOnly.All(char.IsAsciiDigit))
            return null;
        var totp = new Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits);
        return totp.VerifyTotp(now.UtcDateTime, digitsOnly, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    /// <summary>The <c>otpauth://</c> URI an authenticator app scans (Key Uri Format).</summary>
    public static string Uri(string issuer, string account, byte[] secret)
    {
        var label = System.Uri.EscapeDataString(issuer) + ":" + System.Uri.EscapeDataString(account);
        return $"otpauth://totp/{label}?secret={ToBase32(secret)}" +
            $"&issuer={System.Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }
}
