using System.Data.Common;
using System.Globalization;

namespace TimeTracker.Tests.Chain;

/// <summary>
/// Revision 023 moves the rows of a database filled at 019 (before organizations held any data) into
/// organizations, and its downgrade takes the columns away again without losing a row; on both dialects.
/// </summary>
public sealed class TenancyMigrationTests
{
    // Alice owns Acme; Erin is an admin of Acme and owns Erin Co; Bob, Carol and Dave belong nowhere. An
    // organization already uses the slug Bob's personal one would get. Bob tracked time on Alice's project P1,
    // on P3 of client C and on no project; Carol tracked nothing; Dave has only an API token.
    private static readonly string[] At019 =
    [
        "INSERT INTO users (id, email, name, created_at, updated_at) VALUES " +
        $"(1, 'alice@example.com', 'Alice', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")}), " +
        $"(2, 'bob@example.com', 'Bob', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")}), " +
        $"(3, 'carol@example.com', 'Carol', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")}), " +
        $"(4, 'dave@example.com', 'Dave', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")}), " +
        $"(5, 'erin@example.com', 'Erin', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")})",
        "INSERT INTO organizations (id, name, slug, created_at, updated_at) VALUES " +
        $"(1, 'Acme', 'acme', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")}), " +
        $"(2, 'Erin Co', 'erin-co', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")}), " +
        $"(3, 'Squatter', 'personal-2', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")})",
        "INSERT INTO memberships (id, organization_id, user_id, role, created_at) VALUES " +
        $"(1, 1, 1, 'owner', {T("2024-01-01 08:00")}), (2, 1, 5, 'admin', {T("2024-01-01 08:00")}), (3, 2, 5, 'owner', {T("2024-01-02 08:00")})",
        $"INSERT INTO clients (id, name, created_at) VALUES (1, 'Client A', {T("2024-01-01 08:00")}), (2, 'Client B', {T("2024-01-01 08:00")}), (3, 'Client C', {T("2024-01-01 08:00")})",
        "INSERT INTO projects (id, client_id, name, created_at, updated_at) VALUES " +
        $"(1, 1, 'P1', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")}), (2, NULL, 'P2', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")}), " +
        $"(3, 3, 'P3', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")}), (4, NULL, 'P4', {T("2024-01-01 08:00")}, {T("2024-01-01 08:00")})",
        $"INSERT INTO tasks (id, project_id, name, created_at) VALUES (1, 1, 'T1', {T("2024-01-01 08:00")})",
        "INSERT INTO time_entries (id, user_id, project_id, task_id, started_at, ended_at, duration_seconds, billable, created_at, updated_at) VALUES " +
        $"(1, 1, 1, 1, {T("2024-01-01 09:00")}, {T("2024-01-01 10:00")}, 3600, TRUE, {T("2024-01-01 10:00")}, {T("2024-01-01 10:00")}), " +
        $"(2, 2, 1, NULL, {T("2024-01-02 09:00")}, {T("2024-01-02 10:00")}, 3600, TRUE, {T("2024-01-02 10:00")}, {T("2024-01-02 10:00")}), " +
        $"(3, 2, 3, NULL, {T("2024-01-03 09:00")}, {T("2024-01-03 10:00")}, 3600, FALSE, {T("2024-01-03 10:00")}, {T("2024-01-03 10:00")}), " +
        $"(4, 2, NULL, NULL, {T("2024-01-04 09:00")}, {T("2024-01-04 10:00")}, 3600, FALSE, {T("2024-01-04 10:00")}, {T("2024-01-04 10:00")}), " +
        $"(5, 5, 2, NULL, {T("2024-01-05 09:00")}, {T("2024-01-05 10:00")}, 3600, TRUE, {T("2024-01-05 10:00")}, {T("2024-01-05 10:00")})",
        "INSERT INTO tags (id, name) VALUES (1, 'urgent'), (2, 'unused'), (3, 'solo')",
        "INSERT INTO time_entry_tags (time_entry_id, tag_id) VALUES (1, 1), (3, 1), (5, 3)",
        $"INSERT INTO invoices (id, client_id, number, created_at) VALUES (1, 1, 'INV-1', {T("2024-02-01 08:00")}), (2, 2, 'INV-2', {T("2024-02-01 08:00")})",
        "INSERT INTO invoice_items (id, invoice_id, time_entry_id, description, quantity, unit_price, amount) VALUES (1, 1, 1, 'P1', 1, 100, 100)",
        $"INSERT INTO settings (key, value, updated_at) VALUES ('company_name', 'Old Co', {T("2024-01-01 08:00")})",
        "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES " +
        $"(1, 2, 'bob', 'hash-bob', {T("2024-01-01 08:00")}), (2, 4, 'dave', 'hash-dave', {T("2024-01-01 08:00")}), (3, 5, 'erin', 'hash-erin', {T("2024-01-01 08:00")})",
    ];

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Upgrade_gives_every_row_the_organization_of_the_user_it_belongs_to(ChainDialect dialect)
    {
        await using var database = await FilledAt019Async(dialect);
        await database.Migrator.UpgradeAsync("023", CancellationToken.None);
        await using var connection = await database.OpenAsync();

        var organizations = await RowsAsync(connection, "SELECT name, slug FROM organizations ORDER BY id");
        Assert.Equal(["Acme|acme", "Erin Co|erin-co", "Squatter|personal-2"], organizations.Take(3));
        Assert.Matches("^Bob \\(personal\\)\\|personal-2-[0-9a-f]{8}$", organizations[3]);
        Assert.Equal(["Dave (personal)|personal-4", "Imported|imported"], organizations.Skip(4));
        Assert.Equal(
            ["Acme|Alice|owner", "Acme|Erin|admin", "Erin Co|Erin|owner", "Bob (personal)|Bob|owner", "Dave (personal)|Dave|owner", "Acme|Bob|member"],
            await RowsAsync(connection, "SELECT o.name, u.name, m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id JOIN users u ON u.id = m.user_id ORDER BY m.id"));

        Assert.Equal(["Client A|Acme", "Client B|Imported", "Client C|Bob (personal)"], await OwnersAsync(connection, "clients", "name"));
        Assert.Equal(["P1|Acme", "P2|Erin Co", "P3|Bob (personal)", "P4|Imported"], await OwnersAsync(connection, "projects", "name"));
        Assert.Equal(["1|Acme", "2|Acme", "3|Bob (personal)", "4|Bob (personal)", "5|Erin Co"], await OwnersAsync(connection, "time_entries", "id"));
        Assert.Equal(["urgent|Acme", "unused|Imported", "solo|Erin Co", "urgent|Bob (personal)"], await OwnersAsync(connection, "tags", "name"));
        Assert.Equal(["1|urgent|Acme", "3|urgent|Bob (personal)", "5|solo|Erin Co"], await RowsAsync(connection,
            "SELECT l.time_entry_id, t.name, o.name FROM time_entry_tags l JOIN tags t ON t.id = l.tag_id JOIN organizations o ON o.id = t.organization_id ORDER BY l.time_entry_id"));
        Assert.Equal(["INV-1|Acme", "INV-2|Imported"], await OwnersAsync(connection, "invoices", "number"));
        Assert.Equal(["bob|Bob (personal)", "dave|Dave (personal)", "erin|Erin Co"], await OwnersAsync(connection, "api_tokens", "name"));
        Assert.Equal(["company_name|Old Co|Imported"], await RowsAsync(connection,
            "SELECT s.key, s.value, o.name FROM settings s JOIN organizations o ON o.id = s.organization_id"));
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Downgrade_to_019_removes_the_columns_and_keeps_every_row(ChainDialect dialect)
    {
        await using var database = await FilledAt019Async(dialect);
        var schemaAt019 = await database.SchemaAsync();
        var rowsAt019 = await AllRowsAsync(database, schemaAt019);

        await database.Migrator.UpgradeAsync("head", CancellationToken.None);
        await database.Migrator.DowngradeAsync("019", CancellationToken.None);

        Assert.Equal(schemaAt019, await database.SchemaAsync());
        var rowsAfter = await AllRowsAsync(database, schemaAt019);
        foreach (var table in schemaAt019.Tables.Where(t => t.Name is not ("organizations" or "memberships")))
            Assert.True(rowsAt019[table.Name] == rowsAfter[table.Name], $"{table.Name} before:\n{rowsAt019[table.Name]}\nafter:\n{rowsAfter[table.Name]}");
        // The organizations and memberships the upgrade created stay, after the ones that were there.
        foreach (var table in new[] { "organizations", "memberships" })
            Assert.StartsWith(rowsAt019[table], rowsAfter[table], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Downgrade_keeps_rows_whose_keys_collide_across_organizations_by_naming_their_organization(ChainDialect dialect)
    {
        await using var database = await FilledAt019Async(dialect);
        await database.Migrator.UpgradeAsync("head", CancellationToken.None);
        long bobs, imported;
        await using (var connection = await database.OpenAsync())
        {
            bobs = await IdAsync(connection, "SELECT id FROM organizations WHERE name = 'Bob (personal)'");
            imported = await IdAsync(connection, "SELECT id FROM organizations WHERE name = 'Imported'");
            await ExecuteAsync(connection, $"INSERT INTO invoices (organization_id, client_id, number, created_at) VALUES ({bobs}, 3, 'INV-1', {T("2024-03-01 08:00")})");
            await ExecuteAsync(connection, $"INSERT INTO settings (organization_id, key, value, updated_at) VALUES (1, 'company_name', 'Acme Inc', {T("2024-03-01 08:00")})");
            await ExecuteAsync(connection, $"INSERT INTO tags (organization_id, name) VALUES (1, 'solo')");
        }

        await database.Migrator.DowngradeAsync("022", CancellationToken.None);

        await using (var connection = await database.OpenAsync())
        {
            Assert.Equal(["1|INV-1", "2|INV-2", $"3|INV-1 (org {bobs})"], await RowsAsync(connection, "SELECT id, number FROM invoices ORDER BY id"));
            Assert.Equal(["company_name|Acme Inc", $"company_name (org {imported})|Old Co"], await RowsAsync(connection, "SELECT key, value FROM settings ORDER BY value"));
            // Tags of one name are one tag again, with every use it had in any organization.
            Assert.Equal(["1|urgent", "2|unused", "3|solo"], await RowsAsync(connection, "SELECT id, name FROM tags ORDER BY id"));
            Assert.Equal(["1|1", "3|1", "5|3"], await RowsAsync(connection, "SELECT time_entry_id, tag_id FROM time_entry_tags ORDER BY time_entry_id"));
        }
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Upgrade_to_024_links_invoiced_entries_ends_all_but_the_newest_running_timer_and_then_allows_one_per_user_and_organization(ChainDialect dialect)
    {
        await using var database = await FilledAt019Async(dialect);
        await using (var connection = await database.OpenAsync())
        {
            await ExecuteAsync(connection, "INSERT INTO time_entries (id, user_id, project_id, started_at, ended_at, duration_seconds, billable, created_at, updated_at) VALUES " +
                $"(6, 1, 1, {T("2024-04-01 09:00")}, NULL, NULL, TRUE, {T("2024-04-01 09:00")}, {T("2024-04-01 09:00")}), " +
                $"(7, 1, 1, {T("2024-04-01 09:30")}, NULL, NULL, TRUE, {T("2024-04-01 09:30")}, {T("2024-04-01 09:30")}), " +
                $"(8, 1, NULL, {T("2024-04-01 08:00")}, {T("2024-04-01 08:20")}, NULL, FALSE, {T("2024-04-01 09:30")}, {T("2024-04-01 09:30")}), " +
                $"(9, 1, 1, {T("2024-04-01 08:45")}, NULL, NULL, TRUE, {T("2024-04-01 08:45")}, {T("2024-04-01 08:45")})");
            // Entry 1 was invoiced before 024: its item on INV-1 names it.
            await ExecuteAsync(connection, $"UPDATE time_entries SET locked_at = {T("2024-02-01 08:00")} WHERE id = 1");
            await SampleRows.ResetIdentitiesAsync(connection, await database.SchemaAsync());
        }

        await database.Migrator.UpgradeAsync("024", CancellationToken.None);

        await using (var connection = await database.OpenAsync())
        {
            Assert.Equal(["1|1", "2|"], await RowsAsync(connection, "SELECT id, invoice_id FROM time_entries WHERE id <= 2 ORDER BY id"));
            // Each ends where the next of the three started (08:45, 09:00, 09:30), whatever their ids.
            Assert.Equal(["6|1800", "7|", "8|1200", "9|900"], await RowsAsync(connection,
                "SELECT id, duration_seconds FROM time_entries WHERE id >= 6 ORDER BY id"));
            Assert.Equal(await RowsAsync(connection, "SELECT started_at FROM time_entries WHERE id = 7"),
                await RowsAsync(connection, "SELECT ended_at FROM time_entries WHERE id = 6"));
            var second = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection,
                "INSERT INTO time_entries (organization_id, user_id, started_at, billable, created_at, updated_at) " +
                $"VALUES (1, 1, {T("2024-04-01 10:00")}, FALSE, {T("2024-04-01 10:00")}, {T("2024-04-01 10:00")})"));
            Assert.Contains(dialect == ChainDialect.Sqlite ? "UNIQUE" : "ix_time_entries_running_timer", second.Message, StringComparison.Ordinal);
            // Another organization's timer runs beside it.
            await ExecuteAsync(connection, "INSERT INTO memberships (organization_id, user_id, role, created_at) " +
                $"VALUES (2, 1, 'member', {T("2024-04-01 10:00")})");
            await ExecuteAsync(connection, "INSERT INTO time_entries (organization_id, user_id, started_at, billable, created_at, updated_at) " +
                $"VALUES (2, 1, {T("2024-04-01 10:00")}, FALSE, {T("2024-04-01 10:00")}, {T("2024-04-01 10:00")})");
        }
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task An_entry_that_names_only_a_task_gets_the_tasks_project_and_its_organization(ChainDialect dialect)
    {
        await using var database = await FilledAt019Async(dialect);
        await using (var connection = await database.OpenAsync())
        {
            await ExecuteAsync(connection, "INSERT INTO time_entries (id, user_id, project_id, task_id, started_at, ended_at, duration_seconds, billable, created_at, updated_at) " +
                $"VALUES (10, 2, NULL, 1, {T("2024-01-06 09:00")}, {T("2024-01-06 10:00")}, 3600, TRUE, {T("2024-01-06 10:00")}, {T("2024-01-06 10:00")})");
        }

        await database.Migrator.UpgradeAsync("023", CancellationToken.None);

        await using (var connection = await database.OpenAsync())
            Assert.Equal(["10|1|Acme"], await RowsAsync(connection,
                "SELECT e.id, e.project_id, o.name FROM time_entries e JOIN organizations o ON o.id = e.organization_id WHERE e.id = 10"));
    }

    private static async Task<ChainDatabase> FilledAt019Async(ChainDialect dialect)
    {
        var database = await ChainDatabase.CreateAsync(dialect);
        await database.Migrator.UpgradeAsync("019", CancellationToken.None);
        await using var connection = await database.OpenAsync();
        foreach (var statement in At019)
            await ExecuteAsync(connection, statement);
        await SampleRows.ResetIdentitiesAsync(connection, await database.SchemaAsync());
        return database;
    }

    // Every table's rows, formatted for comparison.
    private static async Task<Dictionary<string, string>> AllRowsAsync(ChainDatabase database, Waymark.Schema.SchemaSnapshot schema)
    {
        await using var connection = await database.OpenAsync();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in schema.Tables)
            rows[table.Name] = SampleRows.Format(await SampleRows.ReadAsync(connection, table), table.Columns.Select(c => c.Name));
        return rows;
    }

    private static Task<List<string>> OwnersAsync(DbConnection connection, string table, string column) =>
        RowsAsync(connection, $"SELECT x.{column}, o.name FROM {table} x JOIN organizations o ON o.id = x.organization_id ORDER BY x.id");

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        return rows;
    }

    private static async Task<long> IdAsync(DbConnection connection, string sql) =>
        long.Parse((await RowsAsync(connection, sql)).Single(), CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    // An instant as both dialects take it, in the text form the application writes on SQLite.
    private static string T(string minute) => $"'{minute}:00.0000000+00:00'";
}
