using TimeTracker.Accounts;
using TimeTracker.Validation;

namespace TimeTracker.Tracking;

/// <summary>The checks the time-tracking requests share.</summary>
internal static class TrackingValidation
{
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
