using System.Text.RegularExpressions;

namespace TimeTracker.Database;

/// <summary>A JSON document as a parameter: <c>jsonb</c> on PostgreSQL, text on SQLite.</summary>
internal sealed partial record JsonText(string Json)
{
    /// <summary>
    /// The document as it is stored, on both dialects: the character U+0000, which PostgreSQL's <c>jsonb</c> refuses
    /// (a customer's name can carry one into a Stripe event), becomes U+FFFD; nothing else changes.
    /// </summary>
    public string Stored => Json.Contains(@"\u0000", StringComparison.Ordinal) ? NulEscape().Replace(Json, @"$1\ufffd") : Json;

    // An escape \u0000 is one preceded by an even number of backslashes: "\\u0000" is a backslash and "u0000".
    [GeneratedRegex(@"(?<!\\)((?:\\\\)*)\\u0000", RegexOptions.CultureInvariant)]
    private static partial Regex NulEscape();
}
