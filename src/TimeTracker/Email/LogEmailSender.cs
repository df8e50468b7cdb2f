using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TimeTracker.Email;

/// <summary>
/// The default sender: writes each email to the log, so that someone trying TimeTracker without a mail server sees
/// what would be sent. A link carries a token that acts for its recipient (verify, reset a password, accept an
/// invitation), so links are left out unless the development setting <c>Email:LogLinks</c> asks for them.
/// </summary>
internal sealed partial class LogEmailSender(ILogger<LogEmailSender> logger, IOptions<EmailOptions> options) : IEmailSender
{
    /// <summary>What stands in the logged body for each link while <c>Email:LogLinks</c> is off.</summary>
    public const string OmittedLink = "[link omitted from the log; set Email:LogLinks=true (development only) to include it]";

    /// <inheritdoc />
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Log.EmailWrittenToLog(logger, message.To, message.Subject, options.Value.LogLinks ? message.Body : Link().Replace(message.Body, OmittedLink));
        return Task.CompletedTask;
    }

    // Every link of our emails is absolute (Site:PublicUrl); a token travels only inside one.
    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();
}
