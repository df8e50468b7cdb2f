using Zxcvbn;
using Zxcvbn.Matcher;

namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// zxcvbn's matchers with its word lists loaded once. zxcvbn-core's own factory reads every list again for each
/// password (about 150 ms); loaded once, an estimate takes a few milliseconds.
/// </summary>
internal sealed class StrengthMatchers : IMatcherFactory
{
    // The lists zxcvbn-core embeds, by the names its matches report.
    private static readonly string[] Lists = ["passwords", "english", "male_names", "female_names", "surnames", "us_tv_and_film"];

    private readonly List<DictionaryMatcher> _dictionaries = [.. Lists.Select(name => new DictionaryMatcher(name, name + ".lst"))];

    /// <summary>The matchers zxcvbn-core's default factory makes, with <paramref name="userInputs"/> as the user's own words.</summary>
    public IEnumerable<IMatcher> CreateMatchers(IEnumerable<string> userInputs)
    {
        List<DictionaryMatcher> dictionaries = [.. _dictionaries, new DictionaryMatcher("user_inputs", userInputs ?? [])];
        return
        [
            .. dictionaries,
            new RepeatMatcher(),
            new SequenceMatcher(),
            new RegexMatcher("\\d{3,}", 10, true, "digits"),
            new RegexMatcher("19\\d\\d|200\\d|201\\d", 119, false, "year"),
            new DateMatcher(),
            new SpatialMatcher(),
            new L33tMatcher(dictionaries),
        ];
    }
}
