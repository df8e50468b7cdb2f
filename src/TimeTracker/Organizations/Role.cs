namespace TimeTracker.Organizations;

/// <summary>A member's role: <c>owner</c> &gt; <c>admin</c> &gt; <c>member</c>, as stored in <c>memberships.role</c>.</summary>
internal static class Role
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";

    /// <summary>The roles, lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Member, Admin, Owner];

    /// <summary>How much a role may do: higher manages lower.</summary>
    public static int Rank(string role) => role switch
    {
        Owner => 3,
        Admin => 2,
        Member => 1,
        _ => 0,
    };

    /// <summary>Whether a member with <paramref name="granter"/> may give someone <paramref name="role"/>: admins give
    /// members and admins, owners any role.</summary>
    public static bool MayGrant(string granter, string role) => Rank(granter) >= Rank(Admin) && (role != Owner || granter == Owner);

    /// <summary>The role named by <paramref name="value"/> (any case), or null.</summary>
    public static string? Parse(string? value) => All.FirstOrDefault(r => string.Equals(r, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
