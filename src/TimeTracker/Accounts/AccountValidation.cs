using TimeTracker.Accounts.Passwords;
using TimeTracker.Validation;

namespace TimeTracker.Accounts;

/// <summary>The checks every account form shares: an email address, a new password.</summary>
internal static class AccountValidation
{
    /// <summary>The normalised address, or an error on <paramref name="field"/> (empty string then).</summary>
    public static string Email(this RequestValidation validation, string field, string? value)
    {
        var address = EmailAddress.Normalize(validation.Required(field, value));
        if (address is null && !validation.Failed(field))
            validation.Add(field, $"'{field}' is not a valid email address.");
        return address ?? "";
    }

    /// <summary>The password, or an error on <paramref name="field"/> saying why the policy refuses it for the user of
    /// <paramref name="email"/> and <paramref name="name"/>.</summary>
    public static string NewPassword(
        this RequestValidation validation, string field, string? value, PasswordPolicy policy, string? email, string? name)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var password = validation.Required(field, value);
        if (!validation.Failed(field) && policy.Check(password, email, name) is { } weak)
            validation.Add(field, weak);
        return password;
    }
}
