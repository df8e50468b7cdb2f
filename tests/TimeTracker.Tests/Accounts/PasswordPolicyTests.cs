using Microsoft.Extensions.Options;
using TimeTracker.Accounts;
using TimeTracker.Accounts.Passwords;

namespace TimeTracker.Tests.Accounts;

/// <summary>
/// OWASP's password rules as the policy applies them: 12 to 128 characters as a person counts them, and hard to
/// guess as zxcvbn estimates it, knowing the user's address and name.
/// </summary>
public sealed class PasswordPolicyTests
{
    private static readonly StrengthMatchers Matchers = new();
    private static readonly PasswordPolicy Policy = PolicyWith(3);

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void A_password_needs_12_to_128_characters(int length, bool accepted)
    {
        var password = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i * 7 % 26))));

        var refusal = Policy.Check(password, null, null);

        Assert.Equal(accepted, refusal is null);
        if (!accepted)
            Assert.Contains($"has {length} characters", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_are_counted_as_a_person_sees_them_and_no_composition_is_required()
    {
        // Twelve emoji are twelve characters (24 UTF-16 units); 65 of them are 65, not 130.
        Assert.Null(Policy.Check(string.Concat(Enumerable.Range(0x1F600, 12).Select(char.ConvertFromUtf32)), null, null));
        Assert.Null(Policy.Check(string.Concat(Enumerable.Range(0x1F600, 65).Select(char.ConvertFromUtf32)), null, null));
        Assert.Null(Policy.Check("all lower case words only", null, null));
    }

    [Theory]
    [InlineData("password123456", "a common password")]
    [InlineData("qwertyuiop123", "a common password")]
    [InlineData("iloveyou12345", "a common password")]
    [InlineData("monkeymonkey12", "a common password")]
    [InlineData("scandinavian", "a common word")]
    [InlineData("abcdefghijklmn", "a sequence")]
    public void Long_but_weak_passwords_are_refused_saying_why_and_what_to_do(string password, string why)
    {
        var refusal = Policy.Check(password, "someone@example.test", "Someone");

        Assert.NotNull(refusal);
        Assert.Contains("too easy to guess", refusal, StringComparison.Ordinal);
        Assert.Contains(why, refusal, StringComparison.Ordinal);
        Assert.Contains("Choose four or more unrelated words", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(password, refusal, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("jane.doe@example.test")]
    [InlineData("janedoe2024!!")]
    [InlineData("Jane Doe Jane Doe")]
    [InlineData("timetracker2024")]
    public void A_password_made_of_the_users_own_address_name_or_the_sites_name_is_refused(string password)
    {
        var refusal = Policy.Check(password, "jane.doe@example.test", "Jane Doe");

        Assert.NotNull(refusal);
        Assert.Contains("your name or email address", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("a different long passphrase")]
    [InlineData("violet anchor pumpkin ledger")]
    [InlineData("Xk2#pW9!vR7q")]
    public void Strong_passwords_are_accepted(string password)
    {
        Assert.Null(Policy.Check(password, "jane.doe@example.test", "Jane Doe"));
    }

    [Fact]
    public void The_minimum_score_is_configurable()
    {
        Assert.NotNull(Policy.Check("password123456", null, null));
        Assert.Null(PolicyWith(0).Check("password123456", null, null));
    }

    private static PasswordPolicy PolicyWith(int minimumScore) =>
        new(Matchers, Options.Create(new AccountOptions { MinimumPasswordScore = minimumScore }));
}
