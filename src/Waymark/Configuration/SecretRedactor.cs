using System.Text.RegularExpressions;

namespace Waymark.Configuration;

/// <summary>Masks passwords in database URLs and connection strings before they are printed or logged.</summary>
public static partial class SecretRedactor
{
    /// <summary>
    /// <paramref name="text"/> with the password of every <c>user:password@host</c> (with or without a scheme,
    /// up to the last <c>@</c> of the authority) and every <c>Password=</c>/<c>Pwd=</c> value replaced by <c>***</c>.
    /// </summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return KeyValuePassword().Replace(UserInfoPassword().Replace(text, "$1***@"), "$1***");
    }

    [GeneratedRegex(@"((?:^|[\s/])[^\s:/@;=]*:)[^\s/]*@")]
    private static partial Regex UserInfoPassword();

    [GeneratedRegex(@"(\b(?:password|pwd)\s*=\s*)(?:'[^']*'|""[^""]*""|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValuePassword();
}
