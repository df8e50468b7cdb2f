using System.Text.RegularExpressions;

namespace TimeTracker.Logging;

/// <summary>
/// Masks the values of settings whose key names a key, secret, token or password (<c>Jwt:SigningKey</c>,
/// <c>Stripe:WebhookSecrets:0</c>, <c>Email__Smtp__Password</c>) before a command line, a log entry or an error
/// is written. A key names a secret when one of its segments ends with one of those words, so
/// <c>DataProtection:KeyFile</c> and <c>Accounts:PasswordHash:MemorySize</c> stay readable.
/// </summary>
internal static partial class SettingRedactor
{
    /// <summary>What replaces a secret value.</summary>
    public const string Mask = "***";

    /// <summary>
    /// <paramref name="text"/> with the value of every <c>key=value</c> whose key names a secret masked. A key right
    /// after <c>?</c> or <c>&amp;</c> is part of a link's query, not a setting, and is left as it is.
    /// </summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('=', StringComparison.Ordinal) ? SecretAssignment().Replace(text, "${key}${sep}" + Mask) : text;
    }

    /// <summary>
    /// The command line with every secret setting's value masked, whether given as <c>--Key=value</c> or as
    /// <c>--Key value</c>.
    /// </summary>
    public static string[] RedactArguments(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var redacted = new string[args.Count];
        for (var i = 0; i < args.Count; i++)
        {
            redacted[i] = Redact(args[i]);
            if (i + 1 < args.Count && IsSecretOption(args[i]))
                redacted[++i] = Mask;
        }
        return redacted;
    }

    /// <summary>
    /// <paramref name="text"/> with every secret value of <paramref name="args"/> masked wherever it appears, for
    /// errors that quote an argument on its own (<c>Unrecognized argument 'value'</c>).
    /// </summary>
    public static string RedactQuoted(string text, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        text = Redact(text);
        for (var i = 0; i < args.Count; i++)
        {
            var secret = SecretAssignment().Match(args[i]) is { Success: true } match ? match.Groups["value"].Value
                : i + 1 < args.Count && IsSecretOption(args[i]) ? args[i + 1] : "";
            if (secret.Length > 0)
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    private static bool IsSecretOption(string arg) => !arg.Contains('=', StringComparison.Ordinal) && SecretOption().IsMatch(arg);

    private const string SecretKey = @"(?:[A-Za-z0-9_.-]*(?::|__))*[A-Za-z0-9_.-]*?(?:key|secret|token|password|pwd)s?(?:(?::|__)[A-Za-z0-9_.:-]*)?";

    [GeneratedRegex(@"(?<![^\s'""(\[,/-])(?<key>" + SecretKey + @")(?<sep>\s*=\s*)(?<value>""[^""]*""|'[^']*'|[^\s;'""]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"^(?:--|-|/)" + SecretKey + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretOption();
}
