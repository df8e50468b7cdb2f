using System.Net.Mail;

namespace TimeTracker.Accounts;

/// <summary>Email addresses as accounts store them: trimmed, lower case, checked.</summary>
internal static class EmailAddress
{
    /// <summary>The longest address SMTP carries (RFC 5321's path limit less the brackets).</summary>
    public const int MaximumLength = 254;

    /// <summary>The normalised address, or null when <paramref name="value"/> is not a plain email address.</summary>
    public static string? Normalize(string? value)
    {
        var text = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text) || text.Length > MaximumLength)
            return null;
        // MailAddress also accepts "Name <a@b>" and other forms; only the bare address is an email here.
        return MailAddress.TryCreate(text, out var parsed) && parsed.Address == text && parsed.Host.Contains('.', StringComparison.Ordinal)
            ? text : null;
    }
}
