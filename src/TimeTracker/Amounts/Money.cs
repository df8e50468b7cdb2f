using TimeTracker.Validation;

namespace TimeTracker.Amounts;

/// <summary>Amounts of money: decimals with two places, as <c>money(10,2)</c> and <c>money(12,2)</c> columns hold them.</summary>
internal static class Money
{
    /// <summary>The largest hourly rate a <c>money(10,2)</c> column holds.</summary>
    public const decimal MaximumRate = 99_999_999.99m;

    /// <summary>Checks an hourly rate: not negative, at most two decimal places, within the column.</summary>
    public static decimal? Rate(this RequestValidation validation, string field, decimal? rate)
    {
        if (rate is not { } value)
            return null;
        if (value < 0 || value > MaximumRate || value != Math.Round(value, 2))
            validation.Add(field, $"'{field}' must be an amount from 0 to {MaximumRate} with at most two decimal places; {value} is not.");
        return value;
    }

    /// <summary>Rounds to cents, halves away from zero (as invoices are rounded by hand).</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>What <paramref name="seconds"/> of work at <paramref name="hourlyRate"/> come to, exactly (not rounded).</summary>
    public static decimal For(long seconds, decimal hourlyRate) => seconds * hourlyRate / 3600m;

    /// <summary>Hours to two places, as reports show them and invoices bill them.</summary>
    public static decimal Hours(long seconds) => Math.Round(seconds / 3600m, 2, MidpointRounding.AwayFromZero);
}
