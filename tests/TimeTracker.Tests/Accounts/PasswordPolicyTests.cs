using TimeTracker.Accounts.Passwords;

namespace TimeTracker.Tests.Accounts;

/// <summary>OWASP's password rules as the policy applies them: 12 to 128 characters as a person counts them, none of the 10,000 most common.</summary>
public sealed class PasswordPolicyTests
{
    private static readonly CommonPasswords Common = new();

    [Fact]
    public void The_shipped_list_holds_the_10000_most_common_passwords()
    {
        Assert.Equal(10_000, Common.Count);
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void A_password_needs_12_to_128_characters(int length, bool accepted)
    {
        var password = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i * 7 % 26))));

        var refusal = new PasswordPolicy(Common).Check(password);

        Assert.Equal(accepted, refusal is null);
        if (!accepted)
            Assert.Contains($"has {length} characters", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_are_counted_as_a_person_sees_them_and_no_composition_is_required()
    {
        var policy = new PasswordPolicy(Common);

        // Twelve emoji are twelve characters (24 UTF-16 units); 65 of them are 65, not 130.
        Assert.Null(policy.Check(string.Concat(Enumerable.Repeat("\U0001F511", 12))));
        Assert.Null(policy.Check(string.Concat(Enumerable.Repeat("\U0001F511", 65))));
        Assert.Null(policy.Check("all lower case words only"));
    }
}
