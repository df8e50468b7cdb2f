using System.Text;

namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// OWASP's password rules: 12 to 128 characters, any characters (no composition rules), and not one of the
/// most common passwords.
/// </summary>
internal sealed class PasswordPolicy(CommonPasswords common)
{
    /// <summary>The fewest characters a password may have.</summary>
    public const int MinimumLength = 12;

    /// <summary>The most characters a password may have (hashing cost stays bounded).</summary>
    public const int MaximumLength = 128;

    /// <summary>Why <paramref name="password"/> is refused, or null when it is acceptable.</summary>
    public string? Check(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        // Characters as a person counts them: an emoji is one, not two UTF-16 units.
        var length = password.EnumerateRunes().Count();
        if (length < MinimumLength)
            return $"The password has {length} characters; it needs at least {MinimumLength}. A few unrelated words make a long password that is easy to remember.";
        if (length > MaximumLength)
            return $"The password has {length} characters; at most {MaximumLength} are allowed.";
        if (common.Contains(password) || common.Contains(password.Normalize(NormalizationForm.FormKC)))
            return "The password is one of the 10,000 most common passwords, which attackers try first. Choose another.";
        return null;
    }
}
