using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace TimeTracker.Organizations;

/// <summary>URL-safe organization slugs: lower-case ASCII letters and digits in words joined by single hyphens.</summary>
internal static partial class Slug
{
    /// <summary>The longest slug (the column holds 100).</summary>
    public const int MaximumLength = 100;

    /// <summary>Whether <paramref name="value"/> is a well-formed slug.</summary>
    public static bool IsValid(string value) => value.Length <= MaximumLength && Shape().IsMatch(value);

    /// <summary>The slug of a name: accents dropped ("Café Zoë" → "cafe-zoe"), anything else between words a hyphen;
    /// "org" if nothing is left.</summary>
    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder();
        foreach (var c in name)
        {
            var lower = char.ToLowerInvariant(c);
            var letters = char.IsAsciiLetterOrDigit(lower) ? lower.ToString() : Latin.GetValueOrDefault(lower);
            if (letters is not null)
                text.Append(letters);
            else if (text.Length > 0 && text[^1] != '-')
                text.Append('-');
        }
        var slug = text.ToString().Trim('-');
        if (slug.Length > MaximumLength - 8)
            slug = slug[..(MaximumLength - 8)].TrimEnd('-');
        return slug.Length == 0 ? "org" : slug;
    }

    // The executable runs with invariant globalization (no ICU), where string.Normalize cannot decompose
    // accents; the Latin letters of European names are spelled out here instead.
    private static readonly FrozenDictionary<char, string> Latin = new[]
    {
        ("àáâãäåāăą", "a"), ("æ", "ae"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("œ", "oe"),
        ("ŕŗř", "r"), ("śŝşšș", "s"), ("ß", "ss"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        ("þ", "th"), ("ð", "d"),
    }.SelectMany(pair => pair.Item1.Select(c => (c, pair.Item2))).ToFrozenDictionary(p => p.c, p => p.Item2);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Shape();
}
