using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using TimeTracker.Tests.Api;
using TimeTracker.Tests.Tracking;

namespace TimeTracker.Tests.Chain;

/// <summary>
/// Revision 028 fixes on every entry the rate today's reports priced it at, so that no report total moves when the
/// rates get a history: a database filled before 027, priced as the reports priced it (the project's rate, else the
/// member's own default), then upgraded and asked for its reports, gives the same amounts to the cent; both dialects.
/// </summary>
public sealed class RatePricingMigrationTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    // Acme: Ada (default 47.50, Paris), Bob (no default), Cy (default 33.33). Website 99.99 an hour, Support none,
    // Archive 12.34; entries of odd lengths, billable or not, on no project, and one of Ada's on an issued invoice.
    private static readonly string[] Rows =
    [
        "INSERT INTO users (id, email, name, timezone, default_hourly_rate, created_at, updated_at) VALUES " +
        $"(1, 'ada@example.com', 'Ada', 'Europe/Paris', 47.50, {T("2025-01-01 08:00")}, {T("2025-01-01 08:00")}), " +
        $"(2, 'bob@example.com', 'Bob', 'UTC', NULL, {T("2025-01-01 08:00")}, {T("2025-01-01 08:00")}), " +
        $"(3, 'cy@example.com', 'Cy', 'UTC', 33.33, {T("2025-01-01 08:00")}, {T("2025-01-01 08:00")})",
        $"INSERT INTO organizations (id, name, slug, created_at, updated_at) VALUES (1, 'Acme', 'acme', {T("2025-01-01 08:00")}, {T("2025-01-01 08:00")})",
        "INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES " +
        $"(1, 1, 'owner', {T("2025-01-01 08:00")}), (1, 2, 'member', {T("2025-01-01 08:00")}), (1, 3, 'member', {T("2025-01-01 08:00")})",
        $"INSERT INTO clients (id, organization_id, name, created_at) VALUES (1, 1, 'Globex', {T("2025-01-01 08:00")})",
        "INSERT INTO projects (id, organization_id, client_id, name, hourly_rate, created_at, updated_at) VALUES " +
        $"(1, 1, 1, 'Website', 99.99, {T("2025-01-01 08:00")}, {T("2025-01-01 08:00")}), " +
        $"(2, 1, 1, 'Support', NULL, {T("2025-01-01 08:00")}, {T("2025-01-01 08:00")}), " +
        $"(3, 1, NULL, 'Archive', 12.34, {T("2025-01-01 08:00")}, {T("2025-01-01 08:00")})",
        "INSERT INTO invoices (id, organization_id, client_id, number, status, total, currency, issued_on, created_at) VALUES " +
        $"(1, 1, 1, 'INV-00001', 'issued', 99.99, 'USD', '2025-02-01', {T("2025-02-01 08:00")})",
    ];

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task After_the_upgrade_every_report_total_is_what_it_was_to_the_cent(ChainDialect dialect)
    {
        await using var database = await FilledBefore027Async(dialect);
        Dictionary<string, decimal> byProject, byUser;
        decimal total;
        await using (var connection = await database.OpenAsync())
            (byProject, byUser, total) = await PricedAsBeforeAsync(connection);
        Assert.Equal(4, byProject.Count(g => g.Value > 0));

        await using var api = await TestApi.StartAsync(dialect == ChainDialect.Sqlite ? TestApi.Sqlite : TestApi.Postgres, smtp.Server,
            existingDatabaseUrl: database.Url);
        try
        {
            var reader = await api.SignedInAsync();
            await Team.JoinAsync(api, 1, reader, "admin");
            async Task<JsonElement> SummaryAsync(string by) =>
                await (await api.GetAsync($"/api/v1/orgs/1/reports/summary?from=2025-01-01&to=2025-12-31&groupBy={by}", reader.Token)).JsonAsync();
            var projects = await SummaryAsync("project");
            var users = await SummaryAsync("user");

            Assert.Equal(byProject.OrderBy(g => g.Key, StringComparer.Ordinal), Amounts(projects));
            Assert.Equal(byUser.OrderBy(g => g.Key, StringComparer.Ordinal), Amounts(users));
            Assert.Equal(total, projects.GetProperty("totals").GetProperty("billableAmount").GetDecimal());
            Assert.Equal(["1"], await api.SqlAsync("SELECT COUNT(*) FROM hourly_rates WHERE project_id = 3 AND user_id IS NULL AND effective_from IS NULL"));
        }
        finally
        {
            if (dialect == ChainDialect.Postgres)
                Directory.Delete(Path.GetDirectoryName(TestApi.PostgresKeyFile(database.Url))!, recursive: true);
        }
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Downgrading_gives_each_project_its_rate_of_today_and_leaves_the_rest_as_it_was(ChainDialect dialect)
    {
        await using var database = await FilledBefore027Async(dialect);
        var before = Before027(database);
        var schema = await database.SchemaAsync();
        var rows = await AllRowsAsync(database, schema);

        await database.Migrator.UpgradeAsync("head", CancellationToken.None);
        await using (var connection = await database.OpenAsync())
        {
            // Support gets a rate from 2025-06-01; Website's rate goes up from a day to come.
            await ExecuteAsync(connection, "INSERT INTO hourly_rates (organization_id, project_id, hourly_rate, effective_from, created_at) VALUES " +
                $"(1, 2, 70.00, '2025-06-01', {T("2025-06-01 08:00")}), (1, 1, 500.00, '9000-01-01', {T("2025-06-01 08:00")})");
        }
        await database.Migrator.DowngradeAsync(before, CancellationToken.None);

        Assert.Equal(schema, await database.SchemaAsync());
        var after = await AllRowsAsync(database, schema);
        foreach (var table in schema.Tables.Where(t => t.Name != "projects"))
            Assert.True(rows[table.Name] == after[table.Name], $"{table.Name} before:\n{rows[table.Name]}\nafter:\n{after[table.Name]}");
        await using (var connection = await database.OpenAsync())
            Assert.Equal(["1|99.99", "2|70.00", "3|12.34"], (await RowsAsync(connection, "SELECT id, hourly_rate FROM projects ORDER BY id"))
                .Select(r => r.Split('|')).Select(c => $"{c[0]}|{decimal.Parse(c[1], CultureInfo.InvariantCulture):0.00}"));
    }

    // The revision 027 follows (the chain's order decides, whatever number it has).
    private static string Before027(ChainDatabase database) => database.Graph.Get("027").DownRevisions.Single();

    private static async Task<ChainDatabase> FilledBefore027Async(ChainDialect dialect)
    {
        var database = await ChainDatabase.CreateAsync(dialect);
        await database.Migrator.UpgradeAsync(Before027(database), CancellationToken.None);
        await using var connection = await database.OpenAsync();
        foreach (var statement in Rows)
            await ExecuteAsync(connection, statement);
        // Who, project, start (UTC, in 2025), minutes, billable; entry 1 is on the invoice.
        (int User, int? Project, string Start, int Minutes, bool Billable)[] entries =
        [
            (1, 1, "2025-01-20 10:00", 61, true), (1, 1, "2025-03-03 10:00", 7, true), (1, 2, "2025-03-04 10:00", 13, true),
            (1, null, "2025-03-05 10:00", 20, true), (2, 1, "2025-03-06 10:00", 41, true), (2, 2, "2025-03-07 10:00", 59, true),
            (2, 3, "2025-04-01 10:00", 3, true), (3, 2, "2025-04-02 10:00", 17, true), (3, 1, "2025-04-03 10:00", 23, false),
            (3, 3, "2025-05-04 10:00", 37, true), (3, null, "2025-05-05 10:00", 11, true), (1, 3, "2025-06-06 10:00", 29, true),
        ];
        var id = 0;
        foreach (var (user, project, start, minutes, billable) in entries)
        {
            var end = DateTime.ParseExact(start, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).AddMinutes(minutes).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            await ExecuteAsync(connection, "INSERT INTO time_entries (id, organization_id, user_id, project_id, started_at, ended_at, duration_seconds, billable, " +
                $"created_at, updated_at) VALUES ({++id}, 1, {user}, {(project is { } p ? p : "NULL")}, {T(start)}, {T(end)}, {minutes * 60 + id}, " +
                $"{(billable ? "TRUE" : "FALSE")}, {T(start)}, {T(start)})");
        }
        await ExecuteAsync(connection, $"UPDATE time_entries SET invoice_id = 1, locked_at = {T("2025-02-01 08:00")} WHERE id = 1");
        await SampleRows.ResetIdentitiesAsync(connection, await database.SchemaAsync());
        return database;
    }

    // The billable amounts by project and by member, and in all, as the summary report computed them before 027: each
    // entry at its project's rate, else its member's default, summed exactly and rounded to cents once per group.
    private static async Task<(Dictionary<string, decimal> ByProject, Dictionary<string, decimal> ByUser, decimal Total)> PricedAsBeforeAsync(
        DbConnection connection)
    {
        var rows = await RowsAsync(connection,
            "SELECT COALESCE(p.name, '(no project)'), u.name, e.duration_seconds, e.billable, COALESCE(p.hourly_rate, u.default_hourly_rate) " +
            "FROM time_entries e JOIN users u ON u.id = e.user_id LEFT JOIN projects p ON p.id = e.project_id");
        var priced = rows.Select(r => r.Split('|')).Select(c => (Project: c[0], User: c[1],
            Amount: c[3] is "True" or "1" && c[4] != "" ? long.Parse(c[2], CultureInfo.InvariantCulture) * decimal.Parse(c[4], CultureInfo.InvariantCulture) / 3600m : 0m)).ToList();
        static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        return (priced.GroupBy(p => p.Project).ToDictionary(g => g.Key, g => Cents(g.Sum(p => p.Amount)), StringComparer.Ordinal),
            priced.GroupBy(p => p.User).ToDictionary(g => g.Key, g => Cents(g.Sum(p => p.Amount)), StringComparer.Ordinal),
            Cents(priced.Sum(p => p.Amount)));
    }

    private static IEnumerable<KeyValuePair<string, decimal>> Amounts(JsonElement summary) =>
        summary.GetProperty("groups").EnumerateArray()
            .Select(g => new KeyValuePair<string, decimal>(g.GetProperty("name").GetString()!, g.GetProperty("billableAmount").GetDecimal()))
            .OrderBy(g => g.Key, StringComparer.Ordinal);

    private static async Task<Dictionary<string, string>> AllRowsAsync(ChainDatabase database, Waymark.Schema.SchemaSnapshot schema)
    {
        await using var connection = await database.OpenAsync();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in schema.Tables)
            rows[table.Name] = SampleRows.Format(await SampleRows.ReadAsync(connection, table), table.Columns.Select(c => c.Name));
        return rows;
    }

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

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    // An instant as both dialects take it, in the text form the application writes on SQLite.
    private static string T(string minute) => $"'{minute}:00.0000000+00:00'";
}
