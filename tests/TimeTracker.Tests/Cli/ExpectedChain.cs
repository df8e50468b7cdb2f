namespace TimeTracker.Tests.Cli;

/// <summary>TimeTracker's revisions as the tests expect them: a straight line 001..033, whose head is 033.</summary>
internal static class ExpectedChain
{
    public const string Head = "033";

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
        ("027", "add rate history"),
        ("028", "price time entries"),
        ("029", "add timesheet approvals"),
        ("030", "add timer policy"),
        ("031", "add report totals"),
        ("032", "add member month totals"),
        ("033", "index member days by member"),
    ];

    public static IReadOnlyList<string> Ids { get; } = [.. Revisions.Select(r => r.Id)];

    public static string MessageOf(string id) => Revisions.Single(r => r.Id == id).Message;

    /// <summary>How many revisions follow <paramref name="id"/> up to the head (what an upgrade from there applies).</summary>
    public static int CountAfter(string id) => Ids.Count - 1 - Ids.ToList().IndexOf(id);

    /// <summary>What an upgrade from <paramref name="from"/> applies: each later revision, with the one it follows.</summary>
    public static IReadOnlyList<(string From, string Id, string Message)> StepsAfter(string from) =>
        [.. Revisions.SkipWhile(r => r.Id != from).Skip(1).Select(r => (Before(r.Id), r.Id, r.Message))];

    /// <summary>
    /// Asserts that <paramref name="lines"/> are `db upgrade`'s report from <paramref name="from"/> to the head: one
    /// "Upgraded" line per revision, in order, then "Database is at" the head.
    /// </summary>
    public static void AssertUpgradeReport(IReadOnlyList<string> lines, string from)
    {
        var steps = StepsAfter(from);
        Assert.Equal(steps.Count + 1, lines.Count);
        for (var i = 0; i < steps.Count; i++)
            Assert.StartsWith($"Upgraded {steps[i].From} -> {steps[i].Id}: {steps[i].Message} (", lines[i], StringComparison.Ordinal);
        Assert.StartsWith($"Database is at {Head} ({steps.Count} revision(s), ", lines[^1], StringComparison.Ordinal);
    }

    /// <summary>The waymark_history rows ("revision direction from") an upgrade from <paramref name="from"/> writes.</summary>
    public static IReadOnlyList<string> UpgradeHistoryAfter(string from) => [.. StepsAfter(from).Select(s => $"{s.Id} upgrade {s.From}")];

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
        "hourly_rates", "invitations", "invoice_items", "invoices", "memberships", "organizations", "password_reset_tokens", "projects",
        "refresh_tokens", "report_project_days", "report_tag_days", "report_user_days", "report_user_months",
        "settings", "sign_in_throttles", "subscription_events", "tags", "tasks", "time_entries",
        "time_entry_tags", "timer_policies", "timesheet_periods", "timesheet_policies", "users",
    ];
}
