using Microsoft.Extensions.Options;
using Zxcvbn.Matcher;

namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// OWASP's password rules: 12 to 128 characters, any characters (no composition rules), and hard to guess as
/// zxcvbn estimates it (at least <see cref="AccountOptions.MinimumPasswordScore"/> of 4), knowing the user's
/// address and name. zxcvbn's own lists hold the common passwords, words and names attackers try first, and it
/// sees what a list cannot: "password123456" is a common password and a sequence.
/// </summary>
internal sealed class PasswordPolicy(StrengthMatchers matchers, IOptions<AccountOptions> options)
{
    /// <summary>The fewest characters a password may have.</summary>
    public const int MinimumLength = 12;

    /// <summary>The most characters a password may have (hashing cost stays bounded).</summary>
    public const int MaximumLength = 128;

    // The estimate's cost grows with the square of the length; 64 characters that are hard to guess are enough.
    private const int EstimatedLength = 64;

    private readonly Zxcvbn.Zxcvbn _estimator = new(matchers, Zxcvbn.Translation.English);

    /// <summary>Why <paramref name="password"/> is refused for the user of <paramref name="email"/> and
    /// <paramref name="name"/>, or null when it is acceptable.</summary>
    public string? Check(string password, string? email, string? name)
    {
        ArgumentNullException.ThrowIfNull(password);
        // Characters as a person counts them: an emoji is one, not two UTF-16 units.
        var length = password.EnumerateRunes().Count();
        if (length < MinimumLength)
            return $"The password has {length} characters; it needs at least {MinimumLength}. " +
                $"A few unrelated words make a long password that is easy to remember.";
        if (length > MaximumLength)
            return $"The password has {length} characters; at most {MaximumLength} are allowed.";

        var minimum = options.Value.MinimumPasswordScore;
        var estimate = _estimator.EvaluatePassword(
            password.Length > EstimatedLength ? password[..EstimatedLength] : password, ContextWords(email, name));
        if (estimate.Score >= minimum)
            return null;
        var parts = estimate.MatchSequence.Select(Describe).OfType<string>().Distinct().ToList();
        var madeOf = parts.Count == 0 ? "" : $" It is made of {string.Join(", ", parts)}.";
        return $"The password is too easy to guess: it scores {estimate.Score} of 4 for strength, and at least {minimum} is needed.{madeOf} " +
            "Choose four or more unrelated words, or add some; leave out your name, your email address and this site's name.";
    }

    /// <summary>What a guesser tries first for this user: the address, its local part, the name and its words, and the application's name.</summary>
    private static List<string> ContextWords(string? email, string? name)
    {
        var words = new List<string> { "timetracker", "time tracker" };
        if (!string.IsNullOrWhiteSpace(email))
        {
            words.Add(email);
            words.Add(email.Split('@')[0]);
            words.AddRange(email.Split('@')[0].Split(['.', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries));
        }
        if (!string.IsNullOrWhiteSpace(name))
        {
            words.Add(name);
            words.Add(string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            words.AddRange(name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        // zxcvbn compares lower case.
        return [.. words.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length >= 3).Distinct()];
    }

    // What a part of the password is, in words; never the part itself, which is the user's secret.
    private static string? Describe(Zxcvbn.Match part) => part switch
    {
        DictionaryMatch { DictionaryName: "user_inputs" } => "your name or email address (or this site's name)",
        DictionaryMatch { DictionaryName: "passwords" } => "a common password",
        DictionaryMatch { DictionaryName: "male_names" or "female_names" or "surnames" } => "a common name",
        DictionaryMatch => "a common word",
        SpatialMatch => "a keyboard pattern",
        RepeatMatch => "a repeated character",
        SequenceMatch => "a sequence such as abc or 123",
        DateMatch => "a date",
        _ when part.Pattern is "digits" => "a run of digits",
        _ when part.Pattern is "year" => "a year",
        _ => null,
    };
}
