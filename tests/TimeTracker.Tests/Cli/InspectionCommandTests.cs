using System.Text.Json;

namespace TimeTracker.Tests.Cli;

/// <summary>The read-only commands: <c>current</c>, <c>history</c>, <c>heads</c>, <c>show</c>.</summary>
public sealed class InspectionCommandTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Current_on_a_directory_without_a_database_prints_base_and_creates_no_file()
    {
        var result = await _sandbox.RunAsync("db", "current");

        result.ShouldExitWith(0);
        Assert.Equal<string>(["base (no revision recorded)"], result.OutLines);
        Assert.Equal("", result.StdErr);
        Assert.False(File.Exists(_sandbox.DatabasePath), "db current created timetracker.db");
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task Current_prints_the_recorded_revision_marked_as_head()
    {
        var db = await _sandbox.AddDatabaseAtAsync(ExpectedChain.Head);
        var before = await File.ReadAllBytesAsync(db);

        var result = await _sandbox.RunAsync("db", "current");

        result.ShouldExitWith(0);
        Assert.Equal<string>([$"{ExpectedChain.Head} (head)"], result.OutLines);
        Assert.Equal("", result.StdErr);
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task Current_json_describes_the_revision_the_heads_and_whether_the_database_is_up_to_date()
    {
        await _sandbox.AddDatabaseAtAsync("010");

        var result = await _sandbox.RunAsync("db", "current", "--json");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        using var json = JsonDocument.Parse(result.StdOut);
        var current = Assert.Single(json.RootElement.GetProperty("current").EnumerateArray());
        Assert.Equal("010", current.GetProperty("revision").GetString());
        Assert.True(current.GetProperty("known").GetBoolean());
        Assert.False(current.GetProperty("isHead").GetBoolean());
        Assert.Equal("create invoice items", current.GetProperty("message").GetString());
        Assert.Equal(ExpectedChain.Head, Assert.Single(json.RootElement.GetProperty("heads").EnumerateArray()).GetString());
        Assert.False(json.RootElement.GetProperty("upToDate").GetBoolean());
    }

    [Fact]
    public async Task History_lists_every_revision_newest_first_marking_the_head_and_the_current_revision()
    {
        await _sandbox.AddDatabaseAtAsync("010");

        var result = await _sandbox.RunAsync("db", "history");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        var expected = ExpectedChain.Revisions.Reverse().Select(r =>
            $"{(r.Id == "001" ? "<base>" : ExpectedChain.Before(r.Id))} -> {r.Id}"
            + (r.Id == ExpectedChain.Head ? " (head)" : "") + (r.Id == "010" ? " (current)" : "") + ", " + r.Message);
        Assert.Equal(expected, result.OutLines);
    }

    [Fact]
    public async Task History_with_range_005_to_007_shows_exactly_005_006_and_007()
    {
        var result = await _sandbox.RunAsync("db", "history", "-r", "005:007");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        Assert.Equal<string>(
            ["006 -> 007, create tags", "005 -> 006, index time entries", "004 -> 005, create time entries"],
            result.OutLines);
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task History_with_range_from_base_to_003_shows_001_002_and_003()
    {
        var result = await _sandbox.RunAsync("db", "history", "-r", "base:003");

        result.ShouldExitWith(0);
        Assert.Equal<string>(
            ["002 -> 003, create projects", "001 -> 002, create clients", "<base> -> 001, create users"],
            result.OutLines);
    }

    [Fact]
    public async Task History_json_gives_each_revision_with_links_file_and_markers()
    {
        await _sandbox.AddDatabaseAtAsync(ExpectedChain.Head);

        var result = await _sandbox.RunAsync("db", "history", "--json");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        using var json = JsonDocument.Parse(result.StdOut);
        var revisions = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(ExpectedChain.Ids.Reverse(), revisions.Select(r => r.GetProperty("revision").GetString()));
        foreach (var revision in revisions)
        {
            var id = revision.GetProperty("revision").GetString()!;
            Assert.Equal(ExpectedChain.MessageOf(id), revision.GetProperty("message").GetString());
            Assert.Equal(id == "001" ? [] : new[] { ExpectedChain.Before(id) }, revision.GetProperty("downRevisions").EnumerateArray().Select(d => d.GetString()));
            Assert.EndsWith($"{id}_{ExpectedChain.MessageOf(id).Replace(' ', '_')}.cs", revision.GetProperty("file").GetString(), StringComparison.Ordinal);
            Assert.Equal(id == ExpectedChain.Head, revision.GetProperty("isHead").GetBoolean());
            Assert.Equal(id == ExpectedChain.Head, revision.GetProperty("isCurrent").GetBoolean());
        }
    }

    [Fact]
    public async Task Heads_prints_the_single_head()
    {
        var result = await _sandbox.RunAsync("db", "heads");

        result.ShouldExitWith(0);
        Assert.Equal<string>([$"{ExpectedChain.Head} (head), {ExpectedChain.MessageOf(ExpectedChain.Head)}"], result.OutLines);
        Assert.Equal("", result.StdErr);
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task Show_019_prints_its_links_file_and_upgrade_and_downgrade_operations()
    {
        var result = await _sandbox.RunAsync("db", "show", "019");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        AssertShows019(result);
    }

    [Fact]
    public async Task Show_020_prints_its_links_file_and_upgrade_and_downgrade_operations()
    {
        var result = await _sandbox.RunAsync("db", "show", "020");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        AssertShows020(result);
    }

    [Fact]
    public async Task Show_021_prints_its_links_file_and_upgrade_and_downgrade_operations()
    {
        var result = await _sandbox.RunAsync("db", "show", "021");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        AssertShows021(result);
    }

    [Fact]
    public async Task Show_022_prints_its_links_file_and_upgrade_and_downgrade_operations()
    {
        var result = await _sandbox.RunAsync("db", "show", "022");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        AssertShows022(result);
    }

    [Fact]
    public async Task Show_023_prints_its_links_file_and_upgrade_and_downgrade_operations()
    {
        var result = await _sandbox.RunAsync("db", "show", "023");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        AssertShows023(result);
    }

    [Fact]
    public async Task Show_without_a_revision_shows_the_head()
    {
        var result = await _sandbox.RunAsync("db", "show");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        var lines = result.OutLines;
        Assert.Equal("Rev: 033 (head)", lines[0]);
        Assert.Equal("Parent: 032", lines[1]);
        Assert.EndsWith("033_index_member_days_by_member.cs", lines[2], StringComparison.Ordinal);
        Assert.Contains("    index member days by member", lines);
        Assert.Contains("    create index ix_report_user_days_organization_id_user_id_day on report_user_days concurrently", lines);
    }

    [Fact]
    public async Task Show_of_a_revision_lists_its_parent_child_file_and_operations()
    {
        var result = await _sandbox.RunAsync("db", "show", "024");

        result.ShouldExitWith(0);
        Assert.Equal("", result.StdErr);
        AssertShows024(result);
    }

    private static void AssertShows019(ProcessResult result)
    {
        var lines = result.OutLines;
        Assert.Equal("Rev: 019", lines[0]);
        Assert.Equal("Parent: 018", lines[1]);
        Assert.Equal("Next: 020", lines[2]);
        Assert.StartsWith("Path: ", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("019_add_auth_features.cs", lines[3], StringComparison.Ordinal);
        Assert.Equal("Transactional: yes", lines[4]);
        Assert.Contains("    add auth features", lines);
        var upgrade = lines.ToList().IndexOf("Upgrade:");
        var downgrade = lines.ToList().IndexOf("Downgrade:");
        Assert.True(upgrade > 0 && downgrade > upgrade, result.ToString());
        var upgradeOperations = lines.Skip(upgrade + 1).Take(downgrade - upgrade - 1).ToList();
        var downgradeOperations = lines.Skip(downgrade + 1).ToList();
        Assert.Equal(20, upgradeOperations.Count);
        Assert.Equal(20, downgradeOperations.Count);
        Assert.Equal("    create table password_reset_tokens", upgradeOperations[0]);
        Assert.Contains("    add column users.totp_secret", upgradeOperations);
        Assert.Contains("    add unique constraint uq_organizations_stripe_customer_id on organizations", upgradeOperations);
        Assert.Equal("    add column organizations.last_billing_email_sent_at", upgradeOperations[^1]);
        Assert.Equal("    drop column organizations.last_billing_email_sent_at", downgradeOperations[0]);
        Assert.Equal("    drop table password_reset_tokens", downgradeOperations[^1]);
    }

    private static void AssertShows020(ProcessResult result)
    {
        var lines = result.OutLines;
        Assert.Equal("Rev: 020", lines[0]);
        Assert.Equal("Parent: 019", lines[1]);
        Assert.Equal("Next: 021", lines[2]);
        Assert.StartsWith("Path: ", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("020_add_account_security.cs", lines[3], StringComparison.Ordinal);
        Assert.Equal("Transactional: yes", lines[4]);
        Assert.Contains("    add account security", lines);
        var upgrade = lines.ToList().IndexOf("Upgrade:");
        var downgrade = lines.ToList().IndexOf("Downgrade:");
        Assert.True(upgrade > 0 && downgrade > upgrade, result.ToString());
        Assert.Equal(
            ["    add column users.failed_sign_in_count", "    add column users.locked_until", "    add column users.totp_last_step", "    create table data_protection_keys"],
            lines.Skip(upgrade + 1).Take(downgrade - upgrade - 1));
        Assert.Equal(
            ["    drop table data_protection_keys", "    drop column users.totp_last_step", "    drop column users.locked_until", "    drop column users.failed_sign_in_count"],
            lines.Skip(downgrade + 1));
    }

    private static void AssertShows021(ProcessResult result)
    {
        var lines = result.OutLines;
        Assert.Equal("Rev: 021", lines[0]);
        Assert.Equal("Parent: 020", lines[1]);
        Assert.Equal("Next: 022", lines[2]);
        Assert.StartsWith("Path: ", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("021_add_invitations.cs", lines[3], StringComparison.Ordinal);
        Assert.Equal("Transactional: yes", lines[4]);
        Assert.Contains("    add invitations", lines);
        var upgrade = lines.ToList().IndexOf("Upgrade:");
        var downgrade = lines.ToList().IndexOf("Downgrade:");
        Assert.True(upgrade > 0 && downgrade > upgrade, result.ToString());
        Assert.Equal(
            ["    create table invitations"],
            lines.Skip(upgrade + 1).Take(downgrade - upgrade - 1));
        Assert.Equal(
            ["    drop table invitations"],
            lines.Skip(downgrade + 1));
    }

    private static void AssertShows022(ProcessResult result)
    {
        var lines = result.OutLines;
        Assert.Equal("Rev: 022", lines[0]);
        Assert.Equal("Parent: 021", lines[1]);
        Assert.Equal("Next: 023", lines[2]);
        Assert.StartsWith("Path: ", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("022_add_billing_event_order.cs", lines[3], StringComparison.Ordinal);
        Assert.Equal("Transactional: yes", lines[4]);
        Assert.Contains("    add billing event order", lines);
        var upgrade = lines.ToList().IndexOf("Upgrade:");
        var downgrade = lines.ToList().IndexOf("Downgrade:");
        Assert.True(upgrade > 0 && downgrade > upgrade, result.ToString());
        Assert.Equal(
            ["    add column organizations.subscription_event_created_at", "    add column organizations.invoice_event_created_at"],
            lines.Skip(upgrade + 1).Take(downgrade - upgrade - 1));
        Assert.Equal(
            ["    drop column organizations.invoice_event_created_at", "    drop column organizations.subscription_event_created_at"],
            lines.Skip(downgrade + 1));
    }

    private static void AssertShows023(ProcessResult result)
    {
        var lines = result.OutLines;
        Assert.Equal("Rev: 023", lines[0]);
        Assert.Equal("Parent: 022", lines[1]);
        Assert.Equal("Next: 024", lines[2]);
        Assert.StartsWith("Path: ", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("023_add_organization_tenancy.cs", lines[3], StringComparison.Ordinal);
        Assert.Equal("Transactional: yes", lines[4]);
        Assert.Contains("    add organization tenancy", lines);
        var upgrade = lines.ToList().IndexOf("Upgrade:");
        var downgrade = lines.ToList().IndexOf("Downgrade:");
        Assert.True(upgrade > 0 && downgrade > upgrade, result.ToString());
        var upgradeOperations = lines.Skip(upgrade + 1).Take(downgrade - upgrade - 1).ToList();
        var downgradeOperations = lines.Skip(downgrade + 1).ToList();
        Assert.Equal(53, upgradeOperations.Count);
        Assert.Equal(29, downgradeOperations.Count);
        Assert.Equal("    add column clients.organization_id", upgradeOperations[0]);
        Assert.Contains("    drop unique constraint uq_tags_name on tags", upgradeOperations);
        Assert.Contains("    create table settings", upgradeOperations);
        Assert.Contains("    add foreign key fk_time_entries_organization_id on time_entries", upgradeOperations);
        Assert.Contains("    create index ix_time_entries_organization_id_started_at on time_entries", upgradeOperations);
        Assert.Contains("    add unique constraint uq_tags_organization_id_name on tags", upgradeOperations);
        Assert.Equal("    add unique constraint uq_invoices_organization_id_number on invoices", upgradeOperations[^1]);
        Assert.Equal("    drop unique constraint uq_invoices_organization_id_number on invoices", downgradeOperations[0]);
        Assert.Contains("    add unique constraint uq_tags_name on tags", downgradeOperations);
        Assert.Contains("    drop column clients.organization_id", downgradeOperations);
        Assert.Equal("    execute sql", downgradeOperations[^1]);
    }

    private static void AssertShows024(ProcessResult result)
    {
        var lines = result.OutLines;
        Assert.Equal("Rev: 024", lines[0]);
        Assert.Equal("Parent: 023", lines[1]);
        Assert.Equal("Next: 025", lines[2]);
        Assert.StartsWith("Path: ", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("024_add_time_tracking.cs", lines[3], StringComparison.Ordinal);
        Assert.Equal("Transactional: yes", lines[4]);
        Assert.Contains("    add time tracking", lines);
        var upgrade = lines.ToList().IndexOf("Upgrade:");
        var downgrade = lines.ToList().IndexOf("Downgrade:");
        Assert.True(upgrade > 0 && downgrade > upgrade, result.ToString());
        Assert.Equal(
            [
                "    add column clients.archived", "    add column clients.archived_at", "    add column tasks.archived", "    add column tasks.archived_at",
                "    execute sql", "    execute sql", "    execute sql", "    execute sql", "    create index ix_time_entries_running_timer on time_entries",
                "    add column time_entries.invoice_id", "    execute sql", "    add foreign key fk_time_entries_invoice_id on time_entries",
                "    create index ix_time_entries_invoice_id on time_entries",
                "    add column invoice_items.project_id", "    add foreign key fk_invoice_items_project_id on invoice_items",
                "    add column invoices.period_start", "    add column invoices.period_end", "    add column invoices.paid_at", "    add column invoices.voided_at",
                "    add column organizations.invoice_sequence", "    execute sql",
            ],
            lines.Skip(upgrade + 1).Take(downgrade - upgrade - 1));
        Assert.Equal(
            [
                "    drop column organizations.invoice_sequence",
                "    drop column invoices.voided_at", "    drop column invoices.paid_at", "    drop column invoices.period_end", "    drop column invoices.period_start",
                "    drop foreign key fk_invoice_items_project_id on invoice_items", "    drop column invoice_items.project_id",
                "    drop index ix_time_entries_invoice_id on time_entries", "    drop foreign key fk_time_entries_invoice_id on time_entries",
                "    drop column time_entries.invoice_id", "    drop index ix_time_entries_running_timer on time_entries",
                "    drop column tasks.archived_at", "    drop column tasks.archived", "    drop column clients.archived_at", "    drop column clients.archived",
            ],
            lines.Skip(downgrade + 1));
    }
}
