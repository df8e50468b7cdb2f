using TimeTracker.Accounts;

namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>
/// The answer of <c>GET /me</c> and <c>PATCH /me</c>: who the user is, and the settings time tracking uses (the IANA
/// time zone reports and date ranges are read in, and the hourly rate billed where a project has none).
/// </summary>
internal sealed record MeResponse(
    long Id, string Email, string Name, bool EmailVerified, bool TotpEnabled, string TimeZone, decimal? DefaultHourlyRate)
{
    /// <summary>The answer for <paramref name="user"/>.</summary>
    public static MeResponse Of(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Email, user.Name, user.EmailVerified, user.TotpEnabled, user.TimeZone, user.DefaultHourlyRate);
    }
}
