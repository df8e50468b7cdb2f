namespace TimeTracker.Tests.Cli;

/// <summary>TimeTracker's revisions as the tests expect them: a straight line 001..026, whose head is 026.</summary>
internal static class ExpectedChain
{
    public const string Head = "026";

    public static readonly IReadOnlyList<(string Id, string Message)> Revisions =
    [
        ("001", "create users"),
        ("002", "create clients"),
        ("003", "create projects"),
        ("004", "create tasks"),
        ("005", "create time entries"),
        ("006", "index time entries"),
        ("007", "create tags"),
        ("008", "add hourly rates"),
        ("009", "create invoices"),
        ("010", "create invoice items"),
        ("011", "create settings"),
        ("012", "create api tokens"),
        ("013", "create audit log"),
        ("014", "add project archiving"),
        ("015", "add user preferences"),
        ("016", "add time entry source"),
        ("017", "add time entry locking"),
        ("018", "add organizations"),
        ("019", "add auth features"),
        ("020", "add account security"),
        ("021", "add invitations"),
        ("022", "add billing event order"),
        ("023", "add organization tenancy"),
        ("024", "add time tracking"),
        ("025", "add security hardening"),
        ("026", "add api token scopes"),
    ];

    public static IReadOnlyList<string> Ids { get; } = [.. Revisions.Select(r => r.Id)];

    public static string MessageOf(string id) => Revisions.Single(r => r.Id == id).Message;

    /// <summary>How many revisions follow <paramref name="id"/> up to the head (what an upgrade from there applies).</summary>
    public static int CountAfter(string id) => Ids.Count - 1 - Ids.ToList().IndexOf(id);

    /// <summary>The revision before <paramref name="id"/>, or "base".</summary>
    public static string Before(string id)
    {
        var index = Ids.ToList().IndexOf(id);
        return index <= 0 ? "base" : Ids[index - 1];
    }

    /// <summary>The tables the chain creates by its head (besides alembic_version and waymark_history).</summary>
    public static readonly IReadOnlyList<string> TablesAtHead =
    [
        "api_tokens", "audit_log", "billing_checkout_sessions", "clients", "data_protection_keys", "email_verification_tokens",
        "invitations", "invoice_items", "invoices", "memberships", "organizations", "password_reset_tokens", "projects",
        "refresh_tokens", "settings", "sign_in_throttles", "subscription_events", "tags", "tasks", "time_entries",
        "time_entry_tags", "users",
    ];
}
