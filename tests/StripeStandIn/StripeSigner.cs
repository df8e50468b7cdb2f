using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TimeTracker.Tests.Billing;

/// <summary>
/// Signs webhook bodies the way Stripe documents it (HMAC-SHA256 of "timestamp.body" with the endpoint secret,
/// hex, in a <c>t=…,v1=…</c> header), written from the scheme and not from the code under test.
/// </summary>
internal static class StripeSigner
{
    public static string Sign(string payload, string secret, DateTimeOffset at) =>
        Header(at, Signature(payload, secret, at));

    public static string Header(DateTimeOffset at, params string[] signatures) =>
        $"t={at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}," + string.Join(",", signatures.Select(s => "v1=" + s));

    public static string Signature(string payload, string secret, DateTimeOffset at)
    {
        var signed = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + payload;
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signed)));
    }
}
