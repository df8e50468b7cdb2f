using System.Collections;
using System.Globalization;
using System.Text;

namespace TimeTracker.Logging;

/// <summary>
/// The text of one log entry, made so that what a caller wrote cannot pass for something else: every value has its
/// line breaks and other control characters escaped (a user named <c>"x\n2026-01-01 … [crit] …"</c> cannot forge an
/// entry) and its secret settings masked (<see cref="SettingRedactor"/>). The message template's own line breaks,
/// written by us, stay.
/// </summary>
internal static class LogEntryText
{
    private const string OriginalFormat = "{OriginalFormat}";

    /// <summary>The message of <paramref name="state"/>, with its values escaped and redacted.</summary>
    public static string Format<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values && values.Count > 0
            && values[^1] is { Key: OriginalFormat, Value: string template })
            return FromTemplate(template, values);
        // Without a template the values cannot be told from the text: all of it is one value.
        return Clean(formatter(state, exception));
    }

    /// <summary><paramref name="value"/> as one line: CR, LF and other control characters but tab escaped, secrets masked.</summary>
    public static string Clean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        value = SettingRedactor.Redact(value);
        if (!value.AsSpan().ContainsAnyInRange('\0', '\x1f') && !value.Contains('\x7f', StringComparison.Ordinal))
            return value;
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\r' => escaped.Append("\\r"),
                '\n' => escaped.Append("\\n"),
                '\t' => escaped.Append(c),
                _ when char.IsControl(c) => escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => escaped.Append(c),
            };
        }
        return escaped.ToString();
    }

    // Message templates as Microsoft.Extensions.Logging reads them: {Name}, {Name,alignment}, {Name:format}; {{ and }} are braces.
    private static string FromTemplate(string template, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var text = new StringBuilder(template.Length + 32);
        var hole = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }
            var end = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (end < 0)
            {
                text.Append(c);
                continue;
            }
            var spec = template.AsSpan(i + 1, end - i - 1);
            var nameEnd = spec.IndexOfAny(',', ':');
            var name = nameEnd < 0 ? spec : spec[..nameEnd];
            var rest = nameEnd < 0 ? "" : spec[nameEnd..].ToString();
            var value = ValueOf(values, name, hole++);
            text.Append(Clean(string.Format(CultureInfo.InvariantCulture, "{0" + rest + "}", Displayed(value))));
            i = end;
        }
        return text.ToString();
    }

    // By name, as the source-generated states need; by position for a template whose names repeat or differ in case.
    private static object? ValueOf(IReadOnlyList<KeyValuePair<string, object?>> values, ReadOnlySpan<char> name, int position)
    {
        for (var i = 0; i < values.Count - 1; i++)
        {
            if (name.SequenceEqual(values[i].Key))
                return values[i].Value;
        }
        return position < values.Count - 1 ? values[position].Value : null;
    }

    // As LogValuesFormatter shows them: null as (null), a sequence as its items separated by ", ".
    private static object Displayed(object? value) => value switch
    {
        null => "(null)",
        string or IFormattable => value,
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(item => item ?? "(null)")),
        _ => value,
    };
}
