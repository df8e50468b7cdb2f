using TimeTracker.Accounts;
using TimeTracker.Hosting;

namespace TimeTracker.Tracking;

/// <summary>The checks the time-tracking requests share.</summary>
internal static class TrackingValidation
{
    /// <summary>A required, trimmed name of at most <paramref name="maximumLength"/> characters.</summary>
    public static string Name(this RequestValidation validation, string field, string? value, int maximumLength = 255)
    {
        var name = validation.Required(field, value).Trim();
        if (name.Length > maximumLength)
            validation.Add(field, $"'{field}' has {name.Length} characters; at most {maximumLength} are allowed.");
        return name;
    }

    /// <summary>An optional email address, normalised; null when not given.</summary>
    public static string? OptionalEmail(this RequestValidation validation, string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : validation.Email(field, value);

    /// <summary>Optional free text of at most <paramref name="maximumLength"/> characters; null when blank.</summary>
    public static string? OptionalText(this RequestValidation validation, string field, string? value, int maximumLength)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text?.Length > maximumLength)
            validation.Add(field, $"'{field}' has {text.Length} characters; at most {maximumLength} are allowed.");
        return text;
    }
}
