using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace TimeTracker.Hosting;

/// <summary>The <c>--older-than</c> option of the cleanup commands: a whole number with d, h or m (90d, 12h, 30m).</summary>
internal static class AgeOption
{
    /// <summary>A required <c>--older-than</c> option described by <paramref name="description"/>.</summary>
    public static Option<TimeSpan> OlderThan(string description) => new("--older-than")
    {
        Description = description + " A number with d (days), h (hours) or m (minutes), e.g. 90d.",
        Required = true,
        CustomParser = Parse,
    };

    private static TimeSpan Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            && amount > 0)
        {
            switch (text[^1])
            {
                case 'd': return TimeSpan.FromDays(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
            }
        }
        result.AddError($"--older-than takes a positive whole number and a unit, d, h or m (e.g. 90d, 12h, 30m); got '{text}'.");
        return default;
    }
}
