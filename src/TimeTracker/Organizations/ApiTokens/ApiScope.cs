namespace TimeTracker.Organizations.ApiTokens;

/// <summary>
/// What a personal API token may do in its organization, as stored in <c>api_tokens.scope</c>: <c>read</c> (what its
/// owner may read) &lt; <c>write</c> (also tracking time: entries and the timer) &lt; <c>admin</c> (also what only admins
/// and owners may change). A token never does more than its owner's current role allows: members hold at most
/// <c>write</c>.
/// </summary>
internal static class ApiScope
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    /// <summary>The scopes, narrowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Read, Write, Admin];

    /// <summary>How much a scope allows: a wider scope covers the narrower ones.</summary>
    public static int Rank(string? scope) => scope switch
    {
        Admin => 3,
        Write => 2,
        Read => 1,
        _ => 0,
    };

    /// <summary>The widest scope a member with <paramref name="role"/> may hold: admins and owners <c>admin</c>, members <c>write</c>.</summary>
    public static string WidestFor(string role) => Role.Rank(role) >= Role.Rank(Role.Admin) ? Admin : Write;

    /// <summary><paramref name="scope"/>, narrowed to what <paramref name="role"/> allows.</summary>
    public static string Within(string scope, string role) => Rank(scope) <= Rank(WidestFor(role)) ? scope : WidestFor(role);

    /// <summary>Whether a token of <paramref name="scope"/> may call a route that needs <paramref name="required"/>.</summary>
    public static bool Covers(string scope, string required) => Rank(scope) >= Rank(required) && Rank(required) > 0;

    /// <summary>The scope named by <paramref name="value"/> (any case), or null.</summary>
    public static string? Parse(string? value) => All.FirstOrDefault(s => string.Equals(s, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}
