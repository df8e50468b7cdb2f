using System.Text.RegularExpressions;

namespace TimeTracker.Logging;

/// <summary>Removes passwords from text before it is logged or printed.</summary>
internal static partial class Redaction
{
    public static string Redact(string text) => ConnectionStringPassword().Replace(UrlPassword().Replace(text, "$1***@"), "$1***");

    [GeneratedRegex(@"(://[^:/@\s]*:)[^@\s]*@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"((?:password|pwd)\s*=\s*)[^;\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPassword();
}
