using Waymark.Revisions;
using Waymark.Schema;

namespace TimeTracker.Migrations;

/// <summary>
/// Tenancy: every client, project, tag, invoice, API token, setting and time entry belongs to an organization.
/// The tables of 001–017 predate organizations, so the upgrade decides where each existing row goes:
/// <list type="bullet">
/// <item>A user's <em>home</em> organization is where they are an owner (else an admin, else a member; the oldest
/// membership first). A user who has time entries or API tokens but no membership gets a personal organization
/// of their own, as its owner.</item>
/// <item>Time entries and API tokens go to their user's home organization; an entry on a project goes with the
/// project, and its user becomes a member there if they were not.</item>
/// <item>A client goes where the earliest time entry on any of its projects went; a project goes with its
/// client, else where its earliest entry's user is at home; an invoice goes with its client.</item>
/// <item>A tag goes where its earliest tagged entry went; a tag used in several organizations is copied into
/// each (names were unique across the database, and now are per organization).</item>
/// <item>Whatever belongs to no user (settings, and clients, projects and tags nobody tracked time on) goes to
/// one organization named "Imported", created only when there is such a row.</item>
/// </list>
/// The downgrade removes the columns and keeps every row: tags of the same name are merged back into one, and
/// where invoice numbers or setting keys of different organizations collide, all but the first get a suffix
/// naming their organization. The organizations and memberships the upgrade created stay.
/// </summary>
[Revision("023", DownRevision = "022", Message = "add organization tenancy")]
internal sealed class M023_AddOrganizationTenancy : Migration
{
    // Settings get a new primary key, so the table is recreated; time entries are listed last because they
    // get a composite index of their own instead of one on organization_id alone.
    private static readonly string[] IndexedTables = ["clients", "projects", "api_tokens"];
    private static readonly string[] ColumnTables = ["clients", "projects", "tags", "invoices", "api_tokens", "time_entries"];

    public override void Upgrade(MigrationBuilder migrate)
    {
        foreach (var table in ColumnTables)
            migrate.AddColumn(table, "organization_id", ColumnType.BigInt);

        // The organizations this upgrade creates, with their slugs chosen up front so that rows can find them:
        // one per user who has rows but no membership, and "Imported" (user_id null) if anything belongs to no one.
        migrate.Sql("CREATE TEMP TABLE tenancy_new_organizations (user_id BIGINT NULL, name VARCHAR(255) NOT NULL, slug VARCHAR(100) NOT NULL)");
        migrate.Sql("CREATE TEMP TABLE tenancy_settings AS SELECT key, value, updated_at FROM settings");
        migrate.Sql(PerDialect(
            "INSERT INTO tenancy_new_organizations (user_id, name, slug) " +
            "SELECT u.id, SUBSTR(u.name, 1, 244) || ' (personal)', " +
            "CASE WHEN EXISTS (SELECT 1 FROM organizations o WHERE o.slug = 'personal-' || CAST(u.id AS TEXT)) " +
            "THEN 'personal-' || CAST(u.id AS TEXT) || '-' || {random} ELSE 'personal-' || CAST(u.id AS TEXT) END " +
            "FROM users u WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id) " +
            "AND (EXISTS (SELECT 1 FROM time_entries e WHERE e.user_id = u.id) OR EXISTS (SELECT 1 FROM api_tokens a WHERE a.user_id = u.id))"));
        migrate.Sql(PerDialect(
            "INSERT INTO organizations (name, slug, created_at, updated_at) " +
            "SELECT n.name, n.slug, {now}, {now} FROM tenancy_new_organizations n ORDER BY n.user_id"));
        migrate.Sql(PerDialect(
            "INSERT INTO memberships (organization_id, user_id, role, created_at) " +
            "SELECT o.id, n.user_id, 'owner', {now} FROM tenancy_new_organizations n JOIN organizations o ON o.slug = n.slug"));

        // A task implies its project: an entry that names only a task gets the task's project (and goes where it goes).
        migrate.Sql("UPDATE time_entries SET project_id = (SELECT k.project_id FROM tasks k WHERE k.id = time_entries.task_id) WHERE project_id IS " +
            "NULL AND task_id IS NOT NULL");
        migrate.Sql($"UPDATE api_tokens SET organization_id = {Home("api_tokens.user_id")}");
        migrate.Sql(
            $"UPDATE clients SET organization_id = (SELECT {Home("e.user_id")} FROM time_entries e JOIN projects p ON p.id = e.project_id " +
            "WHERE p.client_id = clients.id ORDER BY e.started_at, e.id LIMIT 1)");
        migrate.Sql(
            "UPDATE projects SET organization_id = COALESCE(" +
            "(SELECT c.organization_id FROM clients c WHERE c.id = projects.client_id), " +
            $"(SELECT {Home("e.user_id")} FROM time_entries e WHERE e.project_id = projects.id ORDER BY e.started_at, e.id LIMIT 1))");
        migrate.Sql(
            "UPDATE time_entries SET organization_id = COALESCE(" +
            "(SELECT p.organization_id FROM projects p WHERE p.id = time_entries.project_id), " +
            "(SELECT p.organization_id FROM tasks k JOIN projects p ON p.id = k.project_id WHERE k.id = time_entries.task_id), " +
            $"{Home("time_entries.user_id")})");
        migrate.Sql(PerDialect(
            "INSERT INTO memberships (organization_id, user_id, role, created_at) " +
            "SELECT DISTINCT e.organization_id, e.user_id, 'member', {now} FROM time_entries e " +
            "WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.organization_id = e.organization_id AND m.user_id = e.user_id)"));

        // Tags: each goes where its first use went, and is copied into every other organization that uses it.
        // A database Flask-Migrate created names the unique constraints PostgreSQL's way; give them this chain's names first.
        foreach (var (table, column) in new[] { ("tags", "name"), ("invoices", "number") })
            migrate.Sql(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["postgres"] = $"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '{table}_{column}_key' " +
                    $"AND conrelid = '{table}'::regclass) " +
                               $"THEN ALTER TABLE {table} RENAME CONSTRAINT {table}_{column}_key TO uq_{table}_{column}; END IF; END $$",
            });
        migrate.DropUniqueConstraint("tags", "uq_tags_name");
        migrate.Sql(
            "UPDATE tags SET organization_id = (SELECT e.organization_id FROM time_entry_tags l JOIN time_entries e ON e.id = l.time_entry_id " +
            "WHERE l.tag_id = tags.id ORDER BY e.started_at, e.id LIMIT 1)");
        migrate.Sql(
            "INSERT INTO tags (name, organization_id) SELECT DISTINCT t.name, e.organization_id FROM time_entry_tags l " +
            "JOIN tags t ON t.id = l.tag_id JOIN time_entries e ON e.id = l.time_entry_id WHERE e.organization_id <> t.organization_id");
        migrate.Sql(
            "UPDATE time_entry_tags SET tag_id = (SELECT c.id FROM tags t JOIN tags c ON c.name = t.name JOIN time_entries e " +
            "ON e.organization_id = c.organization_id " +
            "WHERE t.id = time_entry_tags.tag_id AND e.id = time_entry_tags.time_entry_id) " +
            "WHERE EXISTS (SELECT 1 FROM tags t JOIN time_entries e ON e.id = time_entry_tags.time_entry_id " +
            "WHERE t.id = time_entry_tags.tag_id AND t.organization_id <> e.organization_id)");

        // What belongs to no one goes to "Imported"; invoices then follow their clients.
        migrate.Sql(PerDialect(
            "INSERT INTO tenancy_new_organizations (user_id, name, slug) " +
            "SELECT NULL, 'Imported', CASE WHEN EXISTS (SELECT 1 FROM organizations o WHERE o.slug = 'imported') THEN 'imported-' || {random} " +
            "ELSE 'imported' END " +
            "WHERE EXISTS (SELECT 1 FROM clients WHERE organization_id IS NULL) OR EXISTS (SELECT 1 FROM projects WHERE organization_id IS NULL) " +
            "OR EXISTS (SELECT 1 FROM tags WHERE organization_id IS NULL) OR EXISTS (SELECT 1 FROM tenancy_settings)"));
        migrate.Sql(PerDialect(
            "INSERT INTO organizations (name, slug, created_at, updated_at) " +
            "SELECT n.name, n.slug, {now}, {now} FROM tenancy_new_organizations n WHERE n.user_id IS NULL"));
        const string Imported = "(SELECT o.id FROM organizations o JOIN tenancy_new_organizations n ON n.slug = o.slug WHERE n.user_id IS NULL)";
        foreach (var table in new[] { "clients", "projects", "tags" })
            migrate.Sql($"UPDATE {table} SET organization_id = {Imported} WHERE organization_id IS NULL");
        migrate.Sql("UPDATE invoices SET organization_id = (SELECT c.organization_id FROM clients c WHERE c.id = invoices.client_id)");

        migrate.DropTable("settings");
        migrate.CreateTable("settings", t =>
        {
            t.References("organization_id", "organizations", ReferentialAction.Cascade).NotNull();
            t.String("key", 100).NotNull();
            t.Text("value");
            t.Timestamp("updated_at").NotNull();
            t.PrimaryKey("organization_id", "key");
        });
        migrate.Sql(
            $"INSERT INTO settings (organization_id, key, value, updated_at) SELECT {Imported}, key, value, updated_at FROM tenancy_settings");
        migrate.Sql("DROP TABLE tenancy_settings");
        migrate.Sql("DROP TABLE tenancy_new_organizations");

        foreach (var table in ColumnTables)
        {
            migrate.AlterColumn(table, "organization_id", nullable: false);
            migrate.AddForeignKey(table, "organization_id", "organizations", onDelete: ReferentialAction.Cascade);
        }
        foreach (var table in IndexedTables)
            migrate.CreateIndex(table, ["organization_id"]);
        migrate.CreateIndex("time_entries", ["organization_id", "started_at"]);
        migrate.AddUniqueConstraint("tags", ["organization_id", "name"]);
        migrate.DropUniqueConstraint("invoices", "uq_invoices_number");
        migrate.AddUniqueConstraint("invoices", ["organization_id", "number"]);
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        // Invoice numbers were unique across the database: all but the first of a number get their organization's id.
        migrate.DropUniqueConstraint("invoices", "uq_invoices_organization_id_number");
        migrate.Sql(
            "UPDATE invoices SET number = SUBSTR(number, 1, 50 - LENGTH(' (org ' || CAST(organization_id AS TEXT) || ')')) || ' (org ' || " +
            "CAST(organization_id AS TEXT) || ')' " +
            "WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.number = invoices.number AND i.id < invoices.id)");
        migrate.AddUniqueConstraint("invoices", ["number"]);

        // Tags of one name become one again: links move to the oldest, the copies go.
        migrate.DropUniqueConstraint("tags", "uq_tags_organization_id_name");
        migrate.Sql(
            $"DELETE FROM time_entry_tags WHERE tag_id <> {Oldest("time_entry_tags.tag_id")} " +
            "AND EXISTS (SELECT 1 FROM time_entry_tags l WHERE l.time_entry_id = time_entry_tags.time_entry_id " +
            $"AND l.tag_id = {Oldest("time_entry_tags.tag_id")})");
        migrate.Sql(
            $"UPDATE time_entry_tags SET tag_id = {Oldest("time_entry_tags.tag_id")} " +
            $"WHERE tag_id <> {Oldest("time_entry_tags.tag_id")}");
        migrate.Sql($"DELETE FROM tags WHERE id <> {Oldest("tags.id")}");
        migrate.AddUniqueConstraint("tags", ["name"]);

        migrate.DropIndex("time_entries", "ix_time_entries_organization_id_started_at");
        foreach (var table in IndexedTables)
            migrate.DropIndex(table, $"ix_{table}_organization_id");
        foreach (var table in ColumnTables.Reverse())
        {
            migrate.DropForeignKey(table, $"fk_{table}_organization_id");
            migrate.DropColumn(table, "organization_id");
        }

        // Setting keys were unique across the database: all but the first organization's get its id.
        migrate.Sql("CREATE TEMP TABLE tenancy_settings AS SELECT organization_id, key, value, updated_at FROM settings");
        migrate.DropTable("settings");
        migrate.CreateTable("settings", t =>
        {
            t.String("key", 100).NotNull();
            t.Text("value");
            t.Timestamp("updated_at").NotNull();
            t.PrimaryKey("key");
        });
        migrate.Sql(
            "INSERT INTO settings (key, value, updated_at) SELECT CASE WHEN EXISTS (SELECT 1 FROM tenancy_settings f WHERE f.key = s.key " +
            "AND f.organization_id < s.organization_id) " +
            "THEN SUBSTR(s.key, 1, 100 - LENGTH(' (org ' || CAST(s.organization_id AS TEXT) || ')')) || ' (org ' || CAST(s.organization_id AS " +
            "TEXT) || ')' ELSE s.key END, " +
            "s.value, s.updated_at FROM tenancy_settings s");
        migrate.Sql("DROP TABLE tenancy_settings");
    }

    // The home organization of user <paramref name="userId"/>.
    private static string Home(string userId) =>
        $"(SELECT m.organization_id FROM memberships m WHERE m.user_id = {userId} " +
        "ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, m.id LIMIT 1)";

    // The oldest tag with the name of tag <paramref name="tagId"/>.
    private static string Oldest(string tagId) => $"(SELECT MIN(o.id) FROM tags o JOIN tags t ON t.name = o.name WHERE t.id = {tagId})";

    // "Now" and a few random characters, which each database writes its own way (SQLite keeps instants as text
    // in the format the application writes).
    private static Dictionary<string, string> PerDialect(string sql) => new(StringComparer.Ordinal)
    {
        ["sqlite"] = sql.Replace("{now}", "(strftime('%Y-%m-%d %H:%M:%f', 'now') || '0000+00:00')", StringComparison.Ordinal)
            .Replace("{random}", "lower(hex(randomblob(4)))", StringComparison.Ordinal),
        ["postgres"] = sql.Replace("{now}", "CURRENT_TIMESTAMP", StringComparison.Ordinal)
            .Replace("{random}", "substr(md5(random()::text), 1, 8)", StringComparison.Ordinal),
    };
}
