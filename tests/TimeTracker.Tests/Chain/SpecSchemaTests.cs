using Waymark.Dialects;
using Waymark.Postgres;
using Waymark.Schema;
using Waymark.Sqlite;

namespace TimeTracker.Tests.Chain;

/// <summary>
/// The schema at 019, on SQLite and on PostgreSQL, has every table, column, key and named constraint the
/// schema specification fixes (docs/schema.md); the schema at 020 is that of 019 plus exactly what 020 adds,
/// the schema at 021 is that of 020 plus exactly the invitations table, the schema at 022 is that of 021
/// plus exactly two billing-event timestamps on organizations, the schema at 023 is that of 022 plus an
/// organization on every tenant table (with its foreign key, indexes and per-organization unique keys) and
/// settings keyed per organization, and the schema at 024 is that of 023 plus exactly the time-tracking
/// columns, foreign keys and indexes. Columns are listed as name, then
/// "!" when NOT NULL. Types and defaults are read back as each database prints them, so they are checked per
/// dialect.
/// </summary>
public sealed class SpecSchemaTests
{
    private static readonly Dictionary<string, string> Columns = new()
    {
        ["users"] = "id! email! name! is_active! created_at! updated_at! default_hourly_rate timezone! locale! password_hash email_verified! totp_secret totp_enabled! backup_codes",
        ["clients"] = "id! name! email created_at!",
        ["projects"] = "id! client_id name! description created_at! updated_at! hourly_rate archived! archived_at",
        ["tasks"] = "id! project_id! name! created_at!",
        ["time_entries"] = "id! user_id! project_id task_id started_at! ended_at duration_seconds description billable! created_at! updated_at! source! locked_at",
        ["tags"] = "id! name!",
        ["time_entry_tags"] = "time_entry_id! tag_id!",
        ["invoices"] = "id! client_id! number! issued_on due_on status! total! currency! created_at!",
        ["invoice_items"] = "id! invoice_id! time_entry_id description! quantity! unit_price! amount!",
        ["settings"] = "key! value updated_at!",
        ["api_tokens"] = "id! user_id! name! token_hash! last_used_at expires_at created_at!",
        ["audit_log"] = "id! user_id action! entity_type! entity_id details created_at!",
        ["organizations"] = "id! name! slug! created_at! updated_at! stripe_customer_id stripe_subscription_id stripe_subscription_status stripe_price_id subscription_quantity trial_ends_at subscription_ends_at next_billing_date billing_issue_detected_at last_billing_email_sent_at",
        ["memberships"] = "id! organization_id! user_id! role! created_at!",
        ["password_reset_tokens"] = "id! user_id! token_hash! expires_at! used_at created_at!",
        ["email_verification_tokens"] = "id! user_id! email! token_hash! expires_at! used_at created_at!",
        ["refresh_tokens"] = "id! user_id! token_hash! family_id! expires_at! revoked_at replaced_by_id user_agent ip_address created_at!",
        ["subscription_events"] = "id! stripe_event_id! event_type! organization_id status! attempts! last_error next_attempt_at payload! stripe_created_at received_at! processed_at",
    };

    // table.column -> referenced table, on delete
    private static readonly (string Column, string References, ReferentialAction OnDelete)[] ForeignKeys =
    [
        ("projects.client_id", "clients", ReferentialAction.SetNull),
        ("tasks.project_id", "projects", ReferentialAction.Cascade),
        ("time_entries.user_id", "users", ReferentialAction.Cascade),
        ("time_entries.project_id", "projects", ReferentialAction.NoAction),
        ("time_entries.task_id", "tasks", ReferentialAction.NoAction),
        ("time_entry_tags.time_entry_id", "time_entries", ReferentialAction.Cascade),
        ("time_entry_tags.tag_id", "tags", ReferentialAction.Cascade),
        ("invoices.client_id", "clients", ReferentialAction.NoAction),
        ("invoice_items.invoice_id", "invoices", ReferentialAction.Cascade),
        ("invoice_items.time_entry_id", "time_entries", ReferentialAction.SetNull),
        ("api_tokens.user_id", "users", ReferentialAction.Cascade),
        ("audit_log.user_id", "users", ReferentialAction.SetNull),
        ("memberships.organization_id", "organizations", ReferentialAction.Cascade),
        ("memberships.user_id", "users", ReferentialAction.Cascade),
        ("password_reset_tokens.user_id", "users", ReferentialAction.Cascade),
        ("email_verification_tokens.user_id", "users", ReferentialAction.Cascade),
        ("refresh_tokens.user_id", "users", ReferentialAction.Cascade),
        ("refresh_tokens.replaced_by_id", "refresh_tokens", ReferentialAction.NoAction),
        ("subscription_events.organization_id", "organizations", ReferentialAction.SetNull),
    ];

    private static readonly string[] Uniques =
    [
        "users.email", "tags.name", "invoices.number", "api_tokens.token_hash", "organizations.slug",
        "organizations.stripe_customer_id", "memberships.organization_id,user_id", "password_reset_tokens.token_hash",
        "email_verification_tokens.token_hash", "refresh_tokens.token_hash", "subscription_events.stripe_event_id",
    ];

    private static readonly string[] Indexes =
    [
        "time_entries.ix_time_entries_user_id_started_at(user_id,started_at)",
        "time_entries.ix_time_entries_project_id(project_id)",
        "audit_log.ix_audit_log_entity_type_entity_id(entity_type,entity_id)",
        "refresh_tokens.ix_refresh_tokens_family_id(family_id)",
        "subscription_events.ix_subscription_events_status_next_attempt_at(status,next_attempt_at)",
        "subscription_events.ix_subscription_events_organization_id(organization_id)",
    ];

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_019_has_exactly_the_tables_and_columns_of_the_spec(ChainDialect dialect)
    {
        var schema = await SchemaAt019Async(dialect);
        Assert.Equal(Columns.Keys.Order(StringComparer.Ordinal), schema.Tables.Select(t => t.Name));
        foreach (var (table, columns) in Columns)
        {
            var actual = string.Join(' ', schema.GetTable(table).Columns.Select(c => c.Name + (c.Nullable ? "" : "!")));
            Assert.Equal($"{table}: {columns}", $"{table}: {actual}");
        }
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_019_has_the_spec_keys_and_named_constraints(ChainDialect dialect)
    {
        var schema = await SchemaAt019Async(dialect);
        foreach (var table in schema.Tables.Where(t => t.FindColumn("id") is not null))
            Assert.True(table.GetColumn("id").Identity, $"{table.Name}.id is an autoincrement primary key");
        Assert.Equal(["time_entry_id", "tag_id"], schema.GetTable("time_entry_tags").PrimaryKey!.Columns);
        Assert.Equal(["key"], schema.GetTable("settings").PrimaryKey!.Columns);

        var foreignKeys = schema.Tables.SelectMany(t => t.ForeignKeys.Select(f => (Table: t.Name, Key: f))).ToList();
        Assert.Equal(ForeignKeys.Length, foreignKeys.Count);
        foreach (var (column, references, onDelete) in ForeignKeys)
        {
            var (table, name) = (column.Split('.')[0], column.Split('.')[1]);
            var key = Assert.Single(foreignKeys, f => f.Table == table && f.Key.Columns.SequenceEqual([name])).Key;
            Assert.Equal((references, onDelete, $"fk_{table}_{name}"), (key.ReferencedTable, key.OnDelete, key.Name));
        }

        var uniques = schema.Tables.SelectMany(t => t.UniqueConstraints.Select(u => $"{t.Name}.{string.Join(',', u.Columns)}")).Order(StringComparer.Ordinal);
        Assert.Equal(Uniques.Order(StringComparer.Ordinal), uniques);
        foreach (var table in schema.Tables)
            foreach (var unique in table.UniqueConstraints)
                Assert.Equal($"uq_{table.Name}_{string.Join('_', unique.Columns)}", unique.Name);

        var indexes = schema.Tables.SelectMany(t => t.Indexes.Select(i => $"{t.Name}.{i.Name}({string.Join(',', i.Columns)})")).Order(StringComparer.Ordinal);
        Assert.Equal(Indexes.Order(StringComparer.Ordinal), indexes);
    }

    [Fact]
    public async Task Defaults_at_019_are_the_spec_defaults_on_sqlite()
    {
        var schema = await SchemaAt019Async(ChainDialect.Sqlite);
        string? Default(string table, string column) => schema.GetTable(table).GetColumn(column).Default?.ToString();
        Assert.Equal("1", Default("users", "is_active"));
        Assert.Equal("0", Default("time_entries", "billable"));
        Assert.Equal("'draft'", Default("invoices", "status"));
        Assert.Equal("0", Default("invoices", "total"));
        Assert.Equal("'USD'", Default("invoices", "currency"));
        Assert.Equal("0", Default("projects", "archived"));
        Assert.Equal("'UTC'", Default("users", "timezone"));
        Assert.Equal("'en'", Default("users", "locale"));
        Assert.Equal("'manual'", Default("time_entries", "source"));
        Assert.Equal("'member'", Default("memberships", "role"));
        Assert.Equal("'pending'", Default("subscription_events", "status"));
        Assert.Equal("0", Default("subscription_events", "attempts"));
        Assert.Equal("0", Default("users", "email_verified"));
        Assert.Equal("0", Default("users", "totp_enabled"));
    }

    [Fact]
    public async Task Defaults_at_019_are_the_spec_defaults_on_postgres()
    {
        var schema = await SchemaAt019Async(ChainDialect.Postgres);
        string? Default(string table, string column) => schema.GetTable(table).GetColumn(column).Default?.ToString();
        Assert.Equal("true", Default("users", "is_active"));
        Assert.Equal("false", Default("time_entries", "billable"));
        Assert.Equal("'draft'::character varying", Default("invoices", "status"));
        Assert.Equal("0", Default("invoices", "total"));
        Assert.Equal("'USD'::character varying", Default("invoices", "currency"));
        Assert.Equal("false", Default("projects", "archived"));
        Assert.Equal("'UTC'::character varying", Default("users", "timezone"));
        Assert.Equal("'en'::character varying", Default("users", "locale"));
        Assert.Equal("'manual'::character varying", Default("time_entries", "source"));
        Assert.Equal("'member'::character varying", Default("memberships", "role"));
        Assert.Equal("'pending'::character varying", Default("subscription_events", "status"));
        Assert.Equal("0", Default("subscription_events", "attempts"));
        Assert.Equal("false", Default("users", "email_verified"));
        Assert.Equal("false", Default("users", "totp_enabled"));

        // Only those: identity columns have no default expression, timestamps are set by the application.
        var withDefaults = schema.Tables.SelectMany(t => t.Columns.Where(c => c.Default is not null).Select(c => $"{t.Name}.{c.Name}"));
        Assert.Equal(14, withDefaults.Count());
    }

    [Fact]
    public async Task Column_types_at_019_are_the_spec_types_on_postgres()
    {
        var schema = await SchemaAt019Async(ChainDialect.Postgres);
        string Type(string table, string column) => schema.GetTable(table).GetColumn(column).Type.ToString();
        Assert.Equal("bigint", Type("users", "id"));
        Assert.Equal("character varying(255)", Type("users", "email"));
        Assert.Equal("boolean", Type("users", "is_active"));
        Assert.Equal("timestamp with time zone", Type("users", "created_at"));
        Assert.Equal("numeric(10,2)", Type("users", "default_hourly_rate"));
        Assert.Equal("text", Type("users", "backup_codes"));
        Assert.Equal("bigint", Type("time_entries", "user_id"));
        Assert.Equal("integer", Type("time_entries", "duration_seconds"));
        Assert.Equal("date", Type("invoices", "issued_on"));
        Assert.Equal("numeric(12,2)", Type("invoices", "total"));
        Assert.Equal("character varying(3)", Type("invoices", "currency"));
        Assert.Equal("jsonb", Type("audit_log", "details"));
        Assert.Equal("jsonb", Type("subscription_events", "payload"));
        Assert.Equal("character varying(45)", Type("refresh_tokens", "ip_address"));
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_020_is_that_of_019_plus_three_users_columns_and_the_data_protection_keys_table(ChainDialect dialect)
    {
        var at019 = await SchemaAt019Async(dialect);
        var at020 = await SchemaAt020Async(dialect);
        Assert.Equal(Columns.Keys.Append("data_protection_keys").Order(StringComparer.Ordinal), at020.Tables.Select(t => t.Name));

        // Every table of 019 but users is untouched; users keeps all of its 019 definition and gains three columns at the end.
        foreach (var table in at019.Tables.Where(t => t.Name != "users"))
            Assert.Equal(new SchemaSnapshot([table]).ToString(), new SchemaSnapshot([at020.GetTable(table.Name)]).ToString());
        var users019 = at019.GetTable("users");
        var users020 = at020.GetTable("users");
        Assert.Equal(
            new SchemaSnapshot([users019 with { Columns = [.. users019.Columns, .. users020.Columns.Skip(users019.Columns.Count)] }]).ToString(),
            new SchemaSnapshot([users020]).ToString());
        Assert.Equal($"users: {Columns["users"]} failed_sign_in_count! locked_until totp_last_step", $"users: {NamesOf(users020)}");

        // The Data Protection key ring: an identity id, a unique friendly name, the key's XML and when it was made.
        var keys = at020.GetTable("data_protection_keys");
        Assert.Equal("data_protection_keys: id! friendly_name! xml! created_at!", $"data_protection_keys: {NamesOf(keys)}");
        Assert.True(keys.GetColumn("id").Identity, "data_protection_keys.id is an autoincrement primary key");
        Assert.Equal(["id"], keys.PrimaryKey!.Columns);
        var unique = Assert.Single(keys.UniqueConstraints);
        Assert.Equal(("uq_data_protection_keys_friendly_name", "friendly_name"), (unique.Name, string.Join(',', unique.Columns)));
        Assert.Empty(keys.ForeignKeys);
        Assert.Empty(keys.Indexes);
        Assert.Empty(keys.CheckConstraints);
    }

    [Fact]
    public async Task Columns_of_020_have_the_spec_types_nullability_and_defaults_on_sqlite()
    {
        var schema = await SchemaAt020Async(ChainDialect.Sqlite);
        Assert.Equal(
            [
                "users.failed_sign_in_count INTEGER (integer) not null default 0",
                "users.locked_until TEXT (text) null",
                "users.totp_last_step INTEGER (integer) null",
                "data_protection_keys.id INTEGER (integer) not null identity",
                "data_protection_keys.friendly_name TEXT (text) not null",
                "data_protection_keys.xml TEXT (text) not null",
                "data_protection_keys.created_at TEXT (text) not null",
            ],
            ColumnsOf020(schema, new SqliteDialect()));
    }

    [Fact]
    public async Task Columns_of_020_have_the_spec_types_nullability_and_defaults_on_postgres()
    {
        var schema = await SchemaAt020Async(ChainDialect.Postgres);
        Assert.Equal(
            [
                "users.failed_sign_in_count integer (integer) not null default 0",
                "users.locked_until timestamp with time zone (timestamp) null",
                "users.totp_last_step bigint (integer) null",
                "data_protection_keys.id bigint (integer) not null identity",
                "data_protection_keys.friendly_name character varying(255) (text) not null",
                "data_protection_keys.xml text (text) not null",
                "data_protection_keys.created_at timestamp with time zone (timestamp) not null",
            ],
            ColumnsOf020(schema, new PostgresDialect()));
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_021_is_that_of_020_plus_the_invitations_table(ChainDialect dialect)
    {
        var at020 = await SchemaAt020Async(dialect);
        var at021 = await SchemaAt021Async(dialect);
        Assert.Equal(Columns.Keys.Append("data_protection_keys").Append("invitations").Order(StringComparer.Ordinal), at021.Tables.Select(t => t.Name));

        // Every table of 020 is untouched, the two that invitations references included.
        foreach (var table in at020.Tables)
        {
            Assert.Equal(new SchemaSnapshot([table]).ToString(), new SchemaSnapshot([at021.GetTable(table.Name)]).ToString());
            Assert.Equal(table, at021.GetTable(table.Name));
        }

        // An invitation: to which organization, for which email and role, the hash of its single-use token, who sent
        // it, until when it holds, and when it was accepted or revoked.
        var invitations = at021.GetTable("invitations");
        Assert.Equal(
            "invitations: id! organization_id! email! role! token_hash! invited_by_id expires_at! accepted_at revoked_at created_at!",
            $"invitations: {NamesOf(invitations)}");
        Assert.True(invitations.GetColumn("id").Identity, "invitations.id is an autoincrement primary key");
        Assert.Equal(("pk_invitations", "id"), (invitations.PrimaryKey!.Name, string.Join(',', invitations.PrimaryKey.Columns)));
        var unique = Assert.Single(invitations.UniqueConstraints);
        Assert.Equal(("uq_invitations_token_hash", "token_hash"), (unique.Name, string.Join(',', unique.Columns)));
        Assert.Equal(
            [
                "fk_invitations_invited_by_id: invited_by_id -> users(id) on delete SetNull",
                "fk_invitations_organization_id: organization_id -> organizations(id) on delete Cascade",
            ],
            invitations.ForeignKeys
                .Select(f => $"{f.Name}: {string.Join(',', f.Columns)} -> {f.ReferencedTable}({string.Join(',', f.ReferencedColumns)}) on delete {f.OnDelete}")
                .Order(StringComparer.Ordinal));
        var index = Assert.Single(invitations.Indexes);
        Assert.Equal(("ix_invitations_organization_id", "organization_id", false, null), (index.Name, string.Join(',', index.Columns), index.Unique, index.Filter));
        Assert.Empty(invitations.CheckConstraints);
    }

    [Fact]
    public async Task Columns_of_021_have_the_spec_types_nullability_and_defaults_on_sqlite()
    {
        var schema = await SchemaAt021Async(ChainDialect.Sqlite);
        Assert.Equal(
            [
                "invitations.id INTEGER (integer) not null identity",
                "invitations.organization_id INTEGER (integer) not null",
                "invitations.email TEXT (text) not null",
                "invitations.role TEXT (text) not null default 'member'",
                "invitations.token_hash TEXT (text) not null",
                "invitations.invited_by_id INTEGER (integer) null",
                "invitations.expires_at TEXT (text) not null",
                "invitations.accepted_at TEXT (text) null",
                "invitations.revoked_at TEXT (text) null",
                "invitations.created_at TEXT (text) not null",
            ],
            ColumnsOf021(schema, new SqliteDialect()));
    }

    [Fact]
    public async Task Columns_of_021_have_the_spec_types_nullability_and_defaults_on_postgres()
    {
        var schema = await SchemaAt021Async(ChainDialect.Postgres);
        Assert.Equal(
            [
                "invitations.id bigint (integer) not null identity",
                "invitations.organization_id bigint (integer) not null",
                "invitations.email character varying(255) (text) not null",
                "invitations.role character varying(20) (text) not null default 'member'::character varying",
                "invitations.token_hash character varying(64) (text) not null",
                "invitations.invited_by_id bigint (integer) null",
                "invitations.expires_at timestamp with time zone (timestamp) not null",
                "invitations.accepted_at timestamp with time zone (timestamp) null",
                "invitations.revoked_at timestamp with time zone (timestamp) null",
                "invitations.created_at timestamp with time zone (timestamp) not null",
            ],
            ColumnsOf021(schema, new PostgresDialect()));
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_022_is_that_of_021_plus_two_organizations_columns(ChainDialect dialect)
    {
        var at021 = await SchemaAt021Async(dialect);
        var at022 = await SchemaAt022Async(dialect);
        Assert.Equal(at021.Tables.Select(t => t.Name), at022.Tables.Select(t => t.Name));

        // Every table of 021 but organizations is untouched; organizations keeps all of its 021 definition and
        // gains two columns at the end.
        foreach (var table in at021.Tables.Where(t => t.Name != "organizations"))
        {
            Assert.Equal(new SchemaSnapshot([table]).ToString(), new SchemaSnapshot([at022.GetTable(table.Name)]).ToString());
            Assert.Equal(table, at022.GetTable(table.Name));
        }
        var organizations021 = at021.GetTable("organizations");
        var organizations022 = at022.GetTable("organizations");
        Assert.Equal(
            new SchemaSnapshot([organizations021 with { Columns = [.. organizations021.Columns, .. organizations022.Columns.Skip(organizations021.Columns.Count)] }]).ToString(),
            new SchemaSnapshot([organizations022]).ToString());
        Assert.Equal(
            $"organizations: {Columns["organizations"]} subscription_event_created_at invoice_event_created_at",
            $"organizations: {NamesOf(organizations022)}");
    }

    [Fact]
    public async Task Columns_of_022_have_the_spec_types_nullability_and_defaults_on_sqlite()
    {
        var schema = await SchemaAt022Async(ChainDialect.Sqlite);
        Assert.Equal(
            [
                "organizations.subscription_event_created_at TEXT (text) null",
                "organizations.invoice_event_created_at TEXT (text) null",
            ],
            ColumnsOf022(schema, new SqliteDialect()));
    }

    [Fact]
    public async Task Columns_of_022_have_the_spec_types_nullability_and_defaults_on_postgres()
    {
        var schema = await SchemaAt022Async(ChainDialect.Postgres);
        Assert.Equal(
            [
                "organizations.subscription_event_created_at timestamp with time zone (timestamp) null",
                "organizations.invoice_event_created_at timestamp with time zone (timestamp) null",
            ],
            ColumnsOf022(schema, new PostgresDialect()));
    }

    // The tables to which 023 gives an organization_id.
    private static readonly string[] TenantTables = ["api_tokens", "clients", "invoices", "projects", "tags", "time_entries"];

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_023_is_that_of_022_plus_an_organization_on_every_tenant_table_and_settings_keyed_per_organization(ChainDialect dialect)
    {
        var at022 = await SchemaAt022Async(dialect);
        var at023 = await SchemaAt023Async(dialect);
        Assert.Equal(at022.Tables.Select(t => t.Name), at023.Tables.Select(t => t.Name));

        // Every table but the tenant tables and settings is untouched.
        foreach (var table in at022.Tables.Where(t => !TenantTables.Contains(t.Name) && t.Name != "settings"))
        {
            Assert.Equal(new SchemaSnapshot([table]).ToString(), new SchemaSnapshot([at023.GetTable(table.Name)]).ToString());
            Assert.Equal(table, at023.GetTable(table.Name));
        }

        // Each tenant table keeps its 022 columns, primary key, foreign keys and check constraints, and gains a
        // not-null organization_id at the end whose foreign key cascades.
        foreach (var name in TenantTables)
        {
            var before = at022.GetTable(name);
            var after = at023.GetTable(name);
            Assert.Equal($"{name}: {NamesOf(before)} organization_id!", $"{name}: {NamesOf(after)}");
            Assert.Equal(
                new SchemaSnapshot([before with { UniqueConstraints = [], Indexes = [] }]).ToString(),
                new SchemaSnapshot([after with { Columns = [.. after.Columns.Take(before.Columns.Count)], ForeignKeys = [.. after.ForeignKeys.Where(f => f.Name != $"fk_{name}_organization_id")], UniqueConstraints = [], Indexes = [] }]).ToString());
            Assert.Equal(
                ForeignKeysOf(before).Append($"fk_{name}_organization_id: organization_id -> organizations(id) on delete Cascade").Order(StringComparer.Ordinal),
                ForeignKeysOf(after));
        }

        // Indexes on organization_id (time entries': with started_at), and tag names and invoice numbers unique per
        // organization instead of across the database.
        Assert.Equal(
            [
                "api_tokens.ix_api_tokens_organization_id(organization_id)",
                "clients.ix_clients_organization_id(organization_id)",
                "projects.ix_projects_organization_id(organization_id)",
                "time_entries.ix_time_entries_organization_id_started_at(organization_id,started_at)",
                "time_entries.ix_time_entries_project_id(project_id)",
                "time_entries.ix_time_entries_user_id_started_at(user_id,started_at)",
            ],
            IndexesOf(at023, TenantTables));
        Assert.Equal(
            [
                "api_tokens.uq_api_tokens_token_hash(token_hash)",
                "invoices.uq_invoices_organization_id_number(organization_id,number)",
                "tags.uq_tags_organization_id_name(organization_id,name)",
            ],
            UniquesOf(at023, TenantTables));

        // Settings: the 022 columns after an organization_id, keyed by both.
        var settings022 = at022.GetTable("settings");
        var settings = at023.GetTable("settings");
        Assert.Equal("settings: organization_id! key! value updated_at!", $"settings: {NamesOf(settings)}");
        Assert.Equal(settings022.Columns, settings.Columns.Skip(1));
        Assert.Equal(("pk_settings", "organization_id,key"), (settings.PrimaryKey!.Name, string.Join(',', settings.PrimaryKey.Columns)));
        Assert.Equal(["fk_settings_organization_id: organization_id -> organizations(id) on delete Cascade"], ForeignKeysOf(settings));
        Assert.Empty(settings.UniqueConstraints);
        Assert.Empty(settings.Indexes);
        Assert.Empty(settings.CheckConstraints);
    }

    [Fact]
    public async Task Columns_of_023_have_the_spec_types_nullability_and_defaults_on_sqlite()
    {
        var schema = await SchemaAt023Async(ChainDialect.Sqlite);
        Assert.Equal(
            [
                "api_tokens.organization_id INTEGER (integer) not null",
                "clients.organization_id INTEGER (integer) not null",
                "invoices.organization_id INTEGER (integer) not null",
                "projects.organization_id INTEGER (integer) not null",
                "tags.organization_id INTEGER (integer) not null",
                "time_entries.organization_id INTEGER (integer) not null",
                "settings.organization_id INTEGER (integer) not null",
            ],
            ColumnsOf023(schema, new SqliteDialect()));
    }

    [Fact]
    public async Task Columns_of_023_have_the_spec_types_nullability_and_defaults_on_postgres()
    {
        var schema = await SchemaAt023Async(ChainDialect.Postgres);
        Assert.Equal(
            [
                "api_tokens.organization_id bigint (integer) not null",
                "clients.organization_id bigint (integer) not null",
                "invoices.organization_id bigint (integer) not null",
                "projects.organization_id bigint (integer) not null",
                "tags.organization_id bigint (integer) not null",
                "time_entries.organization_id bigint (integer) not null",
                "settings.organization_id bigint (integer) not null",
            ],
            ColumnsOf023(schema, new PostgresDialect()));
    }

    // The columns 024 adds, per table.
    private static readonly Dictionary<string, string> ColumnsAddedBy024 = new()
    {
        ["clients"] = "archived! archived_at",
        ["tasks"] = "archived! archived_at",
        ["time_entries"] = "invoice_id",
        ["invoice_items"] = "project_id",
        ["invoices"] = "period_start period_end paid_at voided_at",
        ["organizations"] = "invoice_sequence!",
    };

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_024_is_that_of_023_plus_the_time_tracking_columns_keys_and_indexes(ChainDialect dialect)
    {
        var at023 = await SchemaAt023Async(dialect);
        var at024 = await SchemaAt024Async(dialect);
        Assert.Equal(at023.Tables.Select(t => t.Name), at024.Tables.Select(t => t.Name));

        // Every table 024 does not name is untouched.
        foreach (var table in at023.Tables.Where(t => !ColumnsAddedBy024.ContainsKey(t.Name)))
        {
            Assert.Equal(new SchemaSnapshot([table]).ToString(), new SchemaSnapshot([at024.GetTable(table.Name)]).ToString());
            Assert.Equal(table, at024.GetTable(table.Name));
        }

        // Each table it names keeps all of its 023 definition and gains columns at the end, and the foreign keys
        // and indexes named below.
        foreach (var (name, added) in ColumnsAddedBy024)
        {
            var before = at023.GetTable(name);
            var after = at024.GetTable(name);
            Assert.Equal($"{name}: {NamesOf(before)} {added}", $"{name}: {NamesOf(after)}");
            Assert.Equal(
                new SchemaSnapshot([before]).ToString(),
                new SchemaSnapshot([after with
                {
                    Columns = [.. after.Columns.Take(before.Columns.Count)],
                    ForeignKeys = [.. after.ForeignKeys.Where(f => before.ForeignKeys.Any(b => b.Name == f.Name))],
                    Indexes = [.. after.Indexes.Where(i => before.Indexes.Any(b => b.Name == i.Name))],
                }]).ToString());
        }
        Assert.Equal(
            [
                "fk_invoice_items_project_id: project_id -> projects(id) on delete SetNull",
                "fk_time_entries_invoice_id: invoice_id -> invoices(id) on delete SetNull",
            ],
            ForeignKeysOf(at024).Except(ForeignKeysOf(at023)));
        // The running-timer index is partial; each database prints its predicate its own way.
        var running = dialect == ChainDialect.Postgres ? "(ended_at IS NULL)" : "ended_at IS NULL";
        Assert.Equal(
            [
                "time_entries.ix_time_entries_invoice_id(invoice_id)",
                $"time_entries.ix_time_entries_running_timer(organization_id,user_id) unique where {running}",
            ],
            IndexesOf(at024, at024.Tables.Select(t => t.Name)).Except(IndexesOf(at023, at023.Tables.Select(t => t.Name))));
    }

    [Fact]
    public async Task Columns_of_024_have_the_spec_types_nullability_and_defaults_on_sqlite()
    {
        var schema = await SchemaAt024Async(ChainDialect.Sqlite);
        Assert.Equal(
            [
                "clients.archived INTEGER (integer) not null default 0",
                "clients.archived_at TEXT (text) null",
                "tasks.archived INTEGER (integer) not null default 0",
                "tasks.archived_at TEXT (text) null",
                "time_entries.invoice_id INTEGER (integer) null",
                "invoice_items.project_id INTEGER (integer) null",
                "invoices.period_start TEXT (text) null",
                "invoices.period_end TEXT (text) null",
                "invoices.paid_at TEXT (text) null",
                "invoices.voided_at TEXT (text) null",
                "organizations.invoice_sequence INTEGER (integer) not null default 0",
            ],
            ColumnsOf024(schema, new SqliteDialect()));
    }

    [Fact]
    public async Task Columns_of_024_have_the_spec_types_nullability_and_defaults_on_postgres()
    {
        var schema = await SchemaAt024Async(ChainDialect.Postgres);
        Assert.Equal(
            [
                "clients.archived boolean (boolean) not null default false",
                "clients.archived_at timestamp with time zone (timestamp) null",
                "tasks.archived boolean (boolean) not null default false",
                "tasks.archived_at timestamp with time zone (timestamp) null",
                "time_entries.invoice_id bigint (integer) null",
                "invoice_items.project_id bigint (integer) null",
                "invoices.period_start date (date) null",
                "invoices.period_end date (date) null",
                "invoices.paid_at timestamp with time zone (timestamp) null",
                "invoices.voided_at timestamp with time zone (timestamp) null",
                "organizations.invoice_sequence integer (integer) not null default 0",
            ],
            ColumnsOf024(schema, new PostgresDialect()));
    }

    // The tables 025 adds, with their columns as listed above ("!" for NOT NULL).
    private static readonly Dictionary<string, string> TablesAddedBy025 = new()
    {
        ["billing_checkout_sessions"] = "id! organization_id! stripe_session_id! price_id! quantity! created_by_id created_at! completed_at",
        ["sign_in_throttles"] = "id! user_id! client_key! failures! last_failure_at! locked_until lockouts!",
    };

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_025_is_that_of_024_plus_the_security_stamp_the_throttles_the_checkout_sessions_and_an_invitation_index(ChainDialect dialect)
    {
        var at024 = await SchemaAt024Async(dialect);
        var at025 = await ChainWalk.SchemaAtAsync(dialect, "025");
        Assert.Equal(
            at024.Tables.Select(t => t.Name).Concat(TablesAddedBy025.Keys).Order(StringComparer.Ordinal),
            at025.Tables.Select(t => t.Name));
        foreach (var table in at024.Tables.Where(t => t.Name is not "users" and not "invitations"))
            Assert.Equal(table, at025.GetTable(table.Name));
        var invitations = at024.GetTable("invitations");
        Assert.Equal(invitations with { Indexes = at025.GetTable("invitations").Indexes }, at025.GetTable("invitations"));
        Assert.Equal(
            ["invitations.ix_invitations_invited_by_id_created_at(invited_by_id,created_at)"],
            IndexesOf(at025, ["invitations"]).Except(IndexesOf(at024, ["invitations"])));
        var users = at024.GetTable("users");
        Assert.Equal(users with { Columns = [.. users.Columns, at025.GetTable("users").GetColumn("security_stamp")] }, at025.GetTable("users"));
        Assert.Equal(
            dialect == ChainDialect.Postgres ? "users.security_stamp integer (integer) not null default 0" : "users.security_stamp INTEGER (integer) not null default 0",
            DescribeColumn(at025, dialect == ChainDialect.Postgres ? new PostgresDialect() : new SqliteDialect(), "users", "security_stamp"));

        foreach (var (name, columns) in TablesAddedBy025)
            Assert.Equal($"{name}: {columns}", $"{name}: {NamesOf(at025.GetTable(name))}");
        Assert.Equal(
            [
                "fk_billing_checkout_sessions_created_by_id: created_by_id -> users(id) on delete SetNull",
                "fk_billing_checkout_sessions_organization_id: organization_id -> organizations(id) on delete Cascade",
                "fk_sign_in_throttles_user_id: user_id -> users(id) on delete Cascade",
            ],
            ForeignKeysOf(at025).Except(ForeignKeysOf(at024)));
        Assert.Equal(
            ["billing_checkout_sessions.uq_billing_checkout_sessions_stripe_session_id(stripe_session_id)", "sign_in_throttles.uq_sign_in_throttles_user_id_client_key(user_id,client_key)"],
            UniquesOf(at025, TablesAddedBy025.Keys));
        Assert.Equal(
            ["billing_checkout_sessions.ix_billing_checkout_sessions_organization_id(organization_id)"],
            IndexesOf(at025, TablesAddedBy025.Keys));
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_026_is_that_of_025_plus_the_scope_and_revocation_of_api_tokens_and_an_index_on_their_user(ChainDialect dialect)
    {
        var at025 = await ChainWalk.SchemaAtAsync(dialect, "025");
        var at026 = await ChainWalk.SchemaAtAsync(dialect, "026");
        Assert.Equal(at025.Tables.Select(t => t.Name), at026.Tables.Select(t => t.Name));
        foreach (var table in at025.Tables.Where(t => t.Name != "api_tokens"))
            Assert.Equal(table, at026.GetTable(table.Name));
        var before = at025.GetTable("api_tokens");
        var after = at026.GetTable("api_tokens");
        Assert.Equal(before with { Columns = [.. before.Columns, after.GetColumn("scope"), after.GetColumn("revoked_at")], Indexes = after.Indexes }, after);
        var sql = dialect == ChainDialect.Postgres ? (ISqlDialect)new PostgresDialect() : new SqliteDialect();
        Assert.Equal(
            dialect == ChainDialect.Postgres
                ? ["api_tokens.scope character varying(10) (text) not null default 'read'::character varying", "api_tokens.revoked_at timestamp with time zone (timestamp) null"]
                : ["api_tokens.scope TEXT (text) not null default 'read'", "api_tokens.revoked_at TEXT (text) null"],
            [DescribeColumn(at026, sql, "api_tokens", "scope"), DescribeColumn(at026, sql, "api_tokens", "revoked_at")]);
        Assert.Equal(["api_tokens.ix_api_tokens_user_id(user_id)"], IndexesOf(at026, ["api_tokens"]).Except(IndexesOf(at025, ["api_tokens"])));
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_027_adds_the_rate_history_and_the_rate_fixed_on_each_entry_and_028_changes_no_schema(ChainDialect dialect)
    {
        var before = await ChainWalk.SchemaAtAsync(dialect, "026");
        var at027 = await ChainWalk.SchemaAtAsync(dialect, "027");
        Assert.Equal(before.Tables.Select(t => t.Name).Append("hourly_rates").Order(StringComparer.Ordinal), at027.Tables.Select(t => t.Name));
        foreach (var table in before.Tables.Where(t => t.Name is not "time_entries"))
            Assert.Equal(table, at027.GetTable(table.Name));
        var entries = before.GetTable("time_entries");
        Assert.Equal(entries with { Columns = [.. entries.Columns, at027.GetTable("time_entries").GetColumn("hourly_rate")] },
            at027.GetTable("time_entries"));
        Assert.Equal(
            dialect == ChainDialect.Postgres ? "time_entries.hourly_rate numeric(10,2) (numeric) null" : "time_entries.hourly_rate NUMERIC (numeric) null",
            DescribeColumn(at027, dialect == ChainDialect.Postgres ? new PostgresDialect() : new SqliteDialect(), "time_entries", "hourly_rate"));
        Assert.Equal("id! organization_id! project_id user_id hourly_rate effective_from created_by_id created_at!", NamesOf(at027.GetTable("hourly_rates")));
        Assert.Equal(
            [
                "fk_hourly_rates_created_by_id: created_by_id -> users(id) on delete SetNull",
                "fk_hourly_rates_organization_id: organization_id -> organizations(id) on delete Cascade",
                "fk_hourly_rates_project_id: project_id -> projects(id) on delete Cascade",
                "fk_hourly_rates_user_id: user_id -> users(id) on delete Cascade",
            ],
            ForeignKeysOf(at027).Except(ForeignKeysOf(before)));
        Assert.Equal(
            [
                "hourly_rates.ix_hourly_rates_level_from(organization_id,project_id,user_id,effective_from)",
                "hourly_rates.ix_hourly_rates_project_id(project_id)",
                "hourly_rates.ix_hourly_rates_user_id(user_id)",
            ],
            IndexesOf(at027, ["hourly_rates"]));
        Assert.Equal(at027, await ChainWalk.SchemaAtAsync(dialect, "028"));
    }

    // The tables 029 adds, with their columns as listed above ("!" for NOT NULL).
    private static readonly Dictionary<string, string> TablesAddedBy029 = new()
    {
        ["timesheet_periods"] = "id! organization_id! user_id! period! starts_on! ends_on! starts_at! ends_at! status! submitted_at decided_at decided_by_id " +
            "comment updated_at!",
        ["timesheet_policies"] = "id! organization_id! period! lock_date updated_by_id updated_at!",
    };

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_029_is_that_of_028_plus_the_timesheet_policies_and_periods_and_the_organization_of_audit_rows(ChainDialect dialect)
    {
        var before = await ChainWalk.SchemaAtAsync(dialect, "028");
        var at029 = await ChainWalk.SchemaAtAsync(dialect, "029");
        Assert.Equal(
            before.Tables.Select(t => t.Name).Concat(TablesAddedBy029.Keys).Order(StringComparer.Ordinal),
            at029.Tables.Select(t => t.Name));
        foreach (var table in before.Tables.Where(t => t.Name is not "audit_log"))
            Assert.Equal(table, at029.GetTable(table.Name));
        var audit = before.GetTable("audit_log");
        Assert.Equal(audit with { Columns = [.. audit.Columns, at029.GetTable("audit_log").GetColumn("organization_id")], Indexes = at029.GetTable("audit_log").Indexes },
            at029.GetTable("audit_log"));
        Assert.Equal(["audit_log.ix_audit_log_organization_id_id(organization_id,id)"],
            IndexesOf(at029, ["audit_log"]).Except(IndexesOf(before, ["audit_log"])));
        Assert.Equal(
            dialect == ChainDialect.Postgres ? "audit_log.organization_id bigint (integer) null" : "audit_log.organization_id INTEGER (integer) null",
            DescribeColumn(at029, dialect == ChainDialect.Postgres ? new PostgresDialect() : new SqliteDialect(), "audit_log", "organization_id"));

        foreach (var (name, columns) in TablesAddedBy029)
            Assert.Equal($"{name}: {columns}", $"{name}: {NamesOf(at029.GetTable(name))}");
        Assert.Equal(
            [
                "fk_timesheet_periods_decided_by_id: decided_by_id -> users(id) on delete SetNull",
                "fk_timesheet_periods_organization_id: organization_id -> organizations(id) on delete Cascade",
                "fk_timesheet_periods_user_id: user_id -> users(id) on delete Cascade",
                "fk_timesheet_policies_organization_id: organization_id -> organizations(id) on delete Cascade",
                "fk_timesheet_policies_updated_by_id: updated_by_id -> users(id) on delete SetNull",
            ],
            ForeignKeysOf(at029).Except(ForeignKeysOf(before)));
        Assert.Equal(
            ["timesheet_periods.uq_timesheet_periods_organization_id_user_id_period_starts_on(organization_id,user_id,period,starts_on)",
                "timesheet_policies.uq_timesheet_policies_organization_id(organization_id)"],
            UniquesOf(at029, TablesAddedBy029.Keys));
        Assert.Equal(
            ["timesheet_periods.ix_timesheet_periods_organization_id_status_starts_on(organization_id,status,starts_on)"],
            IndexesOf(at029, TablesAddedBy029.Keys));
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_030_is_that_of_029_plus_the_timer_policies_and_each_entrys_auto_stop_mark_and_reminder_claim(ChainDialect dialect)
    {
        var before = await ChainWalk.SchemaAtAsync(dialect, "029");
        var at030 = await ChainWalk.SchemaAtAsync(dialect, "030");
        Assert.Equal(before.Tables.Select(t => t.Name).Append("timer_policies").Order(StringComparer.Ordinal), at030.Tables.Select(t => t.Name));
        foreach (var table in before.Tables.Where(t => t.Name != "time_entries"))
            Assert.Equal(table, at030.GetTable(table.Name));
        var entries = before.GetTable("time_entries");
        var after = at030.GetTable("time_entries");
        Assert.Equal(entries with { Columns = [.. entries.Columns, after.GetColumn("auto_stopped"), after.GetColumn("reminder_sent_at")] }, after);
        ISqlDialect sql = dialect == ChainDialect.Postgres ? new PostgresDialect() : new SqliteDialect();
        Assert.Equal(
            dialect == ChainDialect.Postgres
                ? ["time_entries.auto_stopped boolean (boolean) not null default false", "time_entries.reminder_sent_at timestamp with time zone (timestamp) null"]
                : ["time_entries.auto_stopped INTEGER (integer) not null default 0", "time_entries.reminder_sent_at TEXT (text) null"],
            [DescribeColumn(at030, sql, "time_entries", "auto_stopped"), DescribeColumn(at030, sql, "time_entries", "reminder_sent_at")]);

        Assert.Equal("timer_policies: id! organization_id! reminder_after_hours! stop_after_hours! updated_by_id updated_at!",
            $"timer_policies: {NamesOf(at030.GetTable("timer_policies"))}");
        Assert.Equal(
            [
                "fk_timer_policies_organization_id: organization_id -> organizations(id) on delete Cascade",
                "fk_timer_policies_updated_by_id: updated_by_id -> users(id) on delete SetNull",
            ],
            ForeignKeysOf(at030).Except(ForeignKeysOf(before)));
        Assert.Equal(["timer_policies.uq_timer_policies_organization_id(organization_id)"], UniquesOf(at030, ["timer_policies"]));
        Assert.Empty(IndexesOf(at030, ["timer_policies"]));
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_031_is_that_of_030_plus_three_daily_totals_tables_kept_by_triggers_on_the_entries_and_their_tags(ChainDialect dialect)
    {
        var before = await ChainWalk.SchemaAtAsync(dialect, "030");
        var at031 = await ChainWalk.SchemaAtAsync(dialect, "031");
        string[] added = ["report_project_days", "report_tag_days", "report_user_days"];
        Assert.Equal(before.Tables.Select(t => t.Name).Concat(added).Order(StringComparer.Ordinal), at031.Tables.Select(t => t.Name));
        // The triggers are the only change to the tables already there (each schema lists them with their table).
        foreach (var table in before.Tables)
            Assert.Equal(table, at031.GetTable(table.Name) with { NativeObjects = table.NativeObjects });
        var triggers = at031.Tables.SelectMany(t => t.NativeObjects.Select(o => $"{t.Name}.{o.Name}")).Except(
            before.Tables.SelectMany(t => t.NativeObjects.Select(o => $"{t.Name}.{o.Name}")));
        Assert.Equal(
            dialect == ChainDialect.Sqlite
                ?
                [
                    "time_entries.report_days_delete", "time_entries.report_days_insert", "time_entries.report_days_update_new",
                    "time_entries.report_days_update_old", "time_entry_tags.report_days_tag_off", "time_entry_tags.report_days_tag_on",
                ]
                :
                [
                    "time_entries.report_days_delete", "time_entries.report_days_insert", "time_entries.report_days_update",
                    "time_entry_tags.report_days_tag_off", "time_entry_tags.report_days_tag_on",
                ],
            triggers.Order(StringComparer.Ordinal));

        foreach (var (table, key) in new[] { ("report_user_days", "user_id"), ("report_project_days", "project_id"), ("report_tag_days", "tag_id") })
        {
            var definition = at031.GetTable(table);
            Assert.Equal($"{table}: organization_id! day! {key}! entries! seconds! billable_entries! billable_seconds! unrated_seconds! cent_seconds!",
                $"{table}: {NamesOf(definition)}");
            Assert.Equal(["organization_id", "day", key], definition.PrimaryKey!.Columns);
            Assert.Equal([$"fk_{table}_organization_id: organization_id -> organizations(id) on delete Cascade"], ForeignKeysOf(definition));
        }
        Assert.Empty(IndexesOf(at031, added));
        Assert.Empty(UniquesOf(at031, added));
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_032_is_that_of_031_plus_member_month_totals_kept_by_triggers_on_the_entries(ChainDialect dialect)
    {
        var before = await ChainWalk.SchemaAtAsync(dialect, "031");
        var at032 = await ChainWalk.SchemaAtAsync(dialect, "032");
        Assert.Equal(before.Tables.Select(t => t.Name).Append("report_user_months").Order(StringComparer.Ordinal), at032.Tables.Select(t => t.Name));
        // The triggers on the entries are the only change to the tables already there.
        foreach (var table in before.Tables)
            Assert.Equal(table, at032.GetTable(table.Name) with { NativeObjects = table.NativeObjects });
        var triggers = at032.Tables.SelectMany(t => t.NativeObjects.Select(o => $"{t.Name}.{o.Name}")).Except(
            before.Tables.SelectMany(t => t.NativeObjects.Select(o => $"{t.Name}.{o.Name}")));
        Assert.Equal(
            dialect == ChainDialect.Sqlite
                ?
                [
                    "time_entries.report_months_delete", "time_entries.report_months_insert", "time_entries.report_months_update_new",
                    "time_entries.report_months_update_old",
                ]
                : ["time_entries.report_months_delete", "time_entries.report_months_insert", "time_entries.report_months_update"],
            triggers.Order(StringComparer.Ordinal));

        var months = at032.GetTable("report_user_months");
        Assert.Equal("report_user_months: organization_id! month! user_id! entries! seconds! billable_entries! billable_seconds! unrated_seconds! cent_seconds!",
            $"report_user_months: {NamesOf(months)}");
        Assert.Equal(["organization_id", "month", "user_id"], months.PrimaryKey!.Columns);
        Assert.Equal(["fk_report_user_months_organization_id: organization_id -> organizations(id) on delete Cascade"], ForeignKeysOf(months));
        Assert.Empty(IndexesOf(at032, ["report_user_months"]));
        Assert.Empty(UniquesOf(at032, ["report_user_months"]));
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Schema_at_033_is_that_of_032_plus_an_index_of_the_member_days_by_member(ChainDialect dialect)
    {
        var before = await ChainWalk.SchemaAtAsync(dialect, "032");
        var at033 = await ChainWalk.SchemaAtAsync(dialect, "033");
        Assert.Equal(before.Tables.Select(t => t.Name), at033.Tables.Select(t => t.Name));
        foreach (var table in before.Tables)
            Assert.Equal(table, at033.GetTable(table.Name) with { Indexes = table.Indexes });
        var names = before.Tables.Select(t => t.Name).ToList();
        Assert.Equal(["report_user_days.ix_report_user_days_organization_id_user_id_day(organization_id,user_id,day)"],
            IndexesOf(at033, names).Except(IndexesOf(before, names)));
    }

    private static Task<SchemaSnapshot> SchemaAt019Async(ChainDialect dialect) => ChainWalk.SchemaAtAsync(dialect, "019");

    private static Task<SchemaSnapshot> SchemaAt020Async(ChainDialect dialect) => ChainWalk.SchemaAtAsync(dialect, "020");

    private static Task<SchemaSnapshot> SchemaAt021Async(ChainDialect dialect) => ChainWalk.SchemaAtAsync(dialect, "021");

    private static Task<SchemaSnapshot> SchemaAt022Async(ChainDialect dialect) => ChainWalk.SchemaAtAsync(dialect, "022");

    private static Task<SchemaSnapshot> SchemaAt023Async(ChainDialect dialect) => ChainWalk.SchemaAtAsync(dialect, "023");

    private static Task<SchemaSnapshot> SchemaAt024Async(ChainDialect dialect) => ChainWalk.SchemaAtAsync(dialect, "024");

    private static string NamesOf(TableDefinition table) => string.Join(' ', table.Columns.Select(c => c.Name + (c.Nullable ? "" : "!")));

    /// <summary>The columns 020 adds, each as "table.column type (type family) null|not null [default D] [identity]".</summary>
    private static List<string> ColumnsOf020(SchemaSnapshot schema, ISqlDialect dialect)
    {
        string Describe(string table, string name) => DescribeColumn(schema, dialect, table, name);

        return
        [
            Describe("users", "failed_sign_in_count"), Describe("users", "locked_until"), Describe("users", "totp_last_step"),
            .. schema.GetTable("data_protection_keys").Columns.Select(c => Describe("data_protection_keys", c.Name)),
        ];
    }

    /// <summary>The columns of the table 021 adds, described as by <see cref="ColumnsOf020"/>.</summary>
    private static List<string> ColumnsOf021(SchemaSnapshot schema, ISqlDialect dialect) =>
        [.. schema.GetTable("invitations").Columns.Select(c => DescribeColumn(schema, dialect, "invitations", c.Name))];

    /// <summary>The columns 022 adds, described as by <see cref="ColumnsOf020"/>.</summary>
    private static List<string> ColumnsOf022(SchemaSnapshot schema, ISqlDialect dialect) =>
        [DescribeColumn(schema, dialect, "organizations", "subscription_event_created_at"), DescribeColumn(schema, dialect, "organizations", "invoice_event_created_at")];

    /// <summary>The columns 023 adds, described as by <see cref="ColumnsOf020"/>.</summary>
    private static List<string> ColumnsOf023(SchemaSnapshot schema, ISqlDialect dialect) =>
        [.. TenantTables.Append("settings").Select(t => DescribeColumn(schema, dialect, t, "organization_id"))];

    /// <summary>The columns 024 adds, described as by <see cref="ColumnsOf020"/>.</summary>
    private static List<string> ColumnsOf024(SchemaSnapshot schema, ISqlDialect dialect) =>
        [.. ColumnsAddedBy024.SelectMany(t => t.Value.Split(' ').Select(c => DescribeColumn(schema, dialect, t.Key, c.TrimEnd('!'))))];

    /// <summary>A table's foreign keys as "name: columns -> table(columns) on delete ACTION", in name order.</summary>
    private static List<string> ForeignKeysOf(TableDefinition table) =>
        [.. table.ForeignKeys
            .Select(f => $"{f.Name}: {string.Join(',', f.Columns)} -> {f.ReferencedTable}({string.Join(',', f.ReferencedColumns)}) on delete {f.OnDelete}")
            .Order(StringComparer.Ordinal)];

    /// <summary>The foreign keys of every table, as by <see cref="ForeignKeysOf(TableDefinition)"/>.</summary>
    private static List<string> ForeignKeysOf(SchemaSnapshot schema) =>
        [.. schema.Tables.SelectMany(t => ForeignKeysOf(t)).Order(StringComparer.Ordinal)];

    /// <summary>The indexes of the named tables as "table.name(columns)[ unique][ where FILTER]", in order.</summary>
    private static List<string> IndexesOf(SchemaSnapshot schema, IEnumerable<string> tables) =>
        [.. tables.Select(schema.GetTable)
            .SelectMany(t => t.Indexes.Select(i => $"{t.Name}.{i.Name}({string.Join(',', i.Columns)})" + (i.Unique ? " unique" : "") + (i.Filter is null ? "" : $" where {i.Filter}")))
            .Order(StringComparer.Ordinal)];

    /// <summary>The unique constraints of the named tables as "table.name(columns)", in order.</summary>
    private static List<string> UniquesOf(SchemaSnapshot schema, IEnumerable<string> tables) =>
        [.. tables.Select(schema.GetTable)
            .SelectMany(t => t.UniqueConstraints.Select(u => $"{t.Name}.{u.Name}({string.Join(',', u.Columns)})"))
            .Order(StringComparer.Ordinal)];

    private static string DescribeColumn(SchemaSnapshot schema, ISqlDialect dialect, string table, string name)
    {
        var column = schema.GetTable(table).GetColumn(name);
        return $"{table}.{name} {column.Type} ({dialect.TypeFamily(column.Type)}) {(column.Nullable ? "null" : "not null")}"
            + (column.Default is null ? "" : $" default {column.Default}") + (column.Identity ? " identity" : "");
    }
}
