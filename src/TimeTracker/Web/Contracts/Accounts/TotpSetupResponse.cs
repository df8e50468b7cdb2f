using TimeTracker.Accounts.TwoFactor;

namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>The answer of <c>POST /auth/2fa/setup</c>: the Base32 secret and the URI an authenticator app scans.</summary>
internal sealed record TotpSetupResponse(string Secret, string OtpauthUri)
{
    /// <summary>The response describing <paramref name="setup"/>.</summary>
    public static TotpSetupResponse Of(TotpSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return new(setup.Secret, setup.OtpauthUri);
    }
}
