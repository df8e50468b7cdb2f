using System.Text;
using OtpNet;
using TimeTracker.Accounts.TwoFactor;

namespace TimeTracker.Tests.Accounts;

/// <summary>The code generator against the published test vectors of RFC 6238 (Appendix B) and RFC 4226 (Appendix D).</summary>
public sealed class TotpVectorTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Rfc6238_appendix_b_vectors_are_reproduced_for_every_hash(long unixSeconds, string sha1, string sha256, string sha512)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(sha1, TotpCodes.CodeAt(Sha1Seed, at, digits: 8));
        Assert.Equal(sha256, TotpCodes.CodeAt(Sha256Seed, at, digits: 8, OtpHashMode.Sha256));
        Assert.Equal(sha512, TotpCodes.CodeAt(Sha512Seed, at, digits: 8, OtpHashMode.Sha512));
    }

    [Theory]
    [InlineData(0, "755224")]
    [InlineData(1, "287082")]
    [InlineData(2, "359152")]
    [InlineData(3, "969429")]
    [InlineData(4, "338314")]
    [InlineData(5, "254676")]
    [InlineData(6, "287922")]
    [InlineData(7, "162583")]
    [InlineData(8, "399871")]
    [InlineData(9, "520489")]
    public void Rfc4226_appendix_d_vectors_are_the_codes_of_time_steps_0_to_9(int counter, string expected)
    {
        // TOTP is HOTP with the time step as its counter (RFC 6238 §4).
        Assert.Equal(expected, TotpCodes.CodeAt(Sha1Seed, DateTimeOffset.FromUnixTimeSeconds(counter * 30L)));
    }

    [Fact]
    public void A_code_matches_its_own_step_and_one_step_either_side_but_not_two()
    {
        var secret = TotpCodes.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var code = TotpCodes.CodeAt(secret, now);
        var step = now.ToUnixTimeSeconds() / 30;

        Assert.Equal(step, TotpCodes.MatchingStep(secret, code, now));
        Assert.Equal(step, TotpCodes.MatchingStep(secret, code, now.AddSeconds(30)));
        Assert.Equal(step, TotpCodes.MatchingStep(secret, code, now.AddSeconds(-30)));
        Assert.Null(TotpCodes.MatchingStep(secret, code, now.AddSeconds(60)));
        Assert.Null(TotpCodes.MatchingStep(secret, "12345", now));
        Assert.Null(TotpCodes.MatchingStep(secret, "abcdef", now));
    }

    [Fact]
    public void The_otpauth_uri_names_the_issuer_account_and_parameters()
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");

        var uri = TotpCodes.Uri("TimeTracker", "ann+work@example.test", secret);

        Assert.Equal("otpauth://totp/TimeTracker:ann%2Bwork%40example.test?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=TimeTracker&algorithm=SHA1&digits=6&period=30", uri);
    }
}
