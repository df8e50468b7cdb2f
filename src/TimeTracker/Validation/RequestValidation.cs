using System.Globalization;
using TimeTracker.Errors;

namespace TimeTracker.Validation;

/// <summary>Collects what is wrong with a request's fields, then refuses it with all of them at once.</summary>
internal sealed class RequestValidation
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    /// <summary>The field's value, or an error saying it is required.</summary>
    public string Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"'{field}' is required.");
            return "";
        }
        return value;
    }

    /// <summary>A required, trimmed name of at most <paramref name="maximumLength"/> characters, on one line (see
    /// <see cref="SingleLine"/>).</summary>
    public string Name(string field, string? value, int maximumLength = 255)
    {
        var name = Required(field, value).Trim();
        if (name.Length > maximumLength)
            Add(field, $"'{field}' has {name.Length} characters; at most {maximumLength} are allowed.");
        SingleLine(field, name);
        return name;
    }

    /// <summary>
    /// Refuses a name that holds a character <see cref="IsRefusedInName"/>: names reach emails, exports and other
    /// people's screens, where a line break or a direction override would let a user write text that reads as ours.
    /// </summary>
    public void SingleLine(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.AsSpan().IndexOfAny(RefusedInNames);
        if (at >= 0)
            Add(field, string.Create(CultureInfo.InvariantCulture,
                $"'{field}' holds U+{(int)value[at]:X4} at position {at + 1}; a name is one line of visible text, without line breaks, tabs, " +
                $"other control characters or direction overrides."));
    }

    /// <summary>
    /// Whether <paramref name="c"/> may not appear in a name: a control character (Unicode category Cc: CR, LF, tab,
    /// NEL…), a line or paragraph separator (U+2028, U+2029), or a bidirectional mark, embedding, override or isolate
    /// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which can make a name read as other text.
    /// </summary>
    public static bool IsRefusedInName(char c) => RefusedInNames.Contains(c);

    private static readonly System.Buffers.SearchValues<char> RefusedInNames = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(
            c => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator),
         '\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);

    /// <summary>Records that <paramref name="field"/> is wrong.</summary>
    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>Whether <paramref name="field"/> already has an error.</summary>
    public bool Failed(string field) => _errors.ContainsKey(field);

    /// <summary>Throws a 400 validation problem when any field was wrong.</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
            throw new ValidationException(_errors);
    }
}
