namespace TimeTracker.Tests.Postgres;

/// <summary>
/// A PostgreSQL database as Flask-Migrate (Alembic on SQLAlchemy) left it at revision 017: the DDL written
/// the way SQLAlchemy emits it (SERIAL ids, unnamed PRIMARY KEY/UNIQUE/REFERENCES so PostgreSQL names them
/// users_pkey, users_email_key, projects_client_id_fkey…, server defaults), Alembic's own alembic_version
/// table, and no waymark_history. Plain SQL: no Waymark code built it.
/// </summary>
internal static class FlaskMigrateSchema
{
    /// <summary>Revisions 001..017 as Alembic ran them, then some application data, then the version row.</summary>
    public const string At017 = """
        CREATE TABLE alembic_version (
            version_num VARCHAR(32) NOT NULL,
            CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
        );

        -- 001 create users
        CREATE TABLE users (
            id SERIAL NOT NULL,
            email VARCHAR(255) NOT NULL,
            name VARCHAR(255) NOT NULL,
            is_active BOOLEAN DEFAULT true NOT NULL,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (id),
            UNIQUE (email)
        );
        -- 002 create clients
        CREATE TABLE clients (
            id SERIAL NOT NULL,
            name VARCHAR(255) NOT NULL,
            email VARCHAR(255),
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (id)
        );
        -- 003 create projects
        CREATE TABLE projects (
            id SERIAL NOT NULL,
            client_id INTEGER,
            name VARCHAR(255) NOT NULL,
            description TEXT,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(client_id) REFERENCES clients (id) ON DELETE SET NULL
        );
        -- 004 create tasks
        CREATE TABLE tasks (
            id SERIAL NOT NULL,
            project_id INTEGER NOT NULL,
            name VARCHAR(255) NOT NULL,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(project_id) REFERENCES projects (id) ON DELETE CASCADE
        );
        -- 005 create time entries
        CREATE TABLE time_entries (
            id SERIAL NOT NULL,
            user_id INTEGER NOT NULL,
            project_id INTEGER,
            task_id INTEGER,
            started_at TIMESTAMP WITH TIME ZONE NOT NULL,
            ended_at TIMESTAMP WITH TIME ZONE,
            duration_seconds INTEGER,
            description TEXT,
            billable BOOLEAN DEFAULT false NOT NULL,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE,
            FOREIGN KEY(project_id) REFERENCES projects (id),
            FOREIGN KEY(task_id) REFERENCES tasks (id)
        );
        -- 006 index time entries
        CREATE INDEX ix_time_entries_user_id_started_at ON time_entries (user_id, started_at);
        CREATE INDEX ix_time_entries_project_id ON time_entries (project_id);
        -- 007 create tags
        CREATE TABLE tags (
            id SERIAL NOT NULL,
            name VARCHAR(100) NOT NULL,
            PRIMARY KEY (id),
            UNIQUE (name)
        );
        CREATE TABLE time_entry_tags (
            time_entry_id INTEGER NOT NULL,
            tag_id INTEGER NOT NULL,
            PRIMARY KEY (time_entry_id, tag_id),
            FOREIGN KEY(time_entry_id) REFERENCES time_entries (id) ON DELETE CASCADE,
            FOREIGN KEY(tag_id) REFERENCES tags (id) ON DELETE CASCADE
        );
        -- 008 add hourly rates
        ALTER TABLE projects ADD COLUMN hourly_rate NUMERIC(10, 2);
        ALTER TABLE users ADD COLUMN default_hourly_rate NUMERIC(10, 2);
        -- 009 create invoices
        CREATE TABLE invoices (
            id SERIAL NOT NULL,
            client_id INTEGER NOT NULL,
            number VARCHAR(50) NOT NULL,
            issued_on DATE,
            due_on DATE,
            status VARCHAR(20) DEFAULT 'draft' NOT NULL,
            total NUMERIC(12, 2) DEFAULT '0' NOT NULL,
            currency VARCHAR(3) DEFAULT 'USD' NOT NULL,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(client_id) REFERENCES clients (id),
            UNIQUE (number)
        );
        -- 010 create invoice items
        CREATE TABLE invoice_items (
            id SERIAL NOT NULL,
            invoice_id INTEGER NOT NULL,
            time_entry_id INTEGER,
            description TEXT NOT NULL,
            quantity NUMERIC(10, 2) NOT NULL,
            unit_price NUMERIC(10, 2) NOT NULL,
            amount NUMERIC(12, 2) NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(invoice_id) REFERENCES invoices (id) ON DELETE CASCADE,
            FOREIGN KEY(time_entry_id) REFERENCES time_entries (id) ON DELETE SET NULL
        );
        -- 011 create settings
        CREATE TABLE settings (
            key VARCHAR(100) NOT NULL,
            value TEXT,
            updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (key)
        );
        -- 012 create api tokens
        CREATE TABLE api_tokens (
            id SERIAL NOT NULL,
            user_id INTEGER NOT NULL,
            name VARCHAR(100) NOT NULL,
            token_hash VARCHAR(64) NOT NULL,
            last_used_at TIMESTAMP WITH TIME ZONE,
            expires_at TIMESTAMP WITH TIME ZONE,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE,
            UNIQUE (token_hash)
        );
        -- 013 create audit log
        CREATE TABLE audit_log (
            id SERIAL NOT NULL,
            user_id INTEGER,
            action VARCHAR(100) NOT NULL,
            entity_type VARCHAR(100) NOT NULL,
            entity_id VARCHAR(64),
            details JSONB,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE SET NULL
        );
        CREATE INDEX ix_audit_log_entity_type_entity_id ON audit_log (entity_type, entity_id);
        -- 014 add project archiving
        ALTER TABLE projects ADD COLUMN archived BOOLEAN DEFAULT false NOT NULL;
        ALTER TABLE projects ADD COLUMN archived_at TIMESTAMP WITH TIME ZONE;
        -- 015 add user preferences
        ALTER TABLE users ADD COLUMN timezone VARCHAR(64) DEFAULT 'UTC' NOT NULL;
        ALTER TABLE users ADD COLUMN locale VARCHAR(16) DEFAULT 'en' NOT NULL;
        -- 016 add time entry source
        ALTER TABLE time_entries ADD COLUMN source VARCHAR(20) DEFAULT 'manual' NOT NULL;
        -- 017 add time entry locking
        ALTER TABLE time_entries ADD COLUMN locked_at TIMESTAMP WITH TIME ZONE;

        -- The application's data.
        INSERT INTO users (email, name, created_at, updated_at) VALUES
            ('ada@example.com', 'Ada', '2024-01-02 09:00:00+00', '2024-01-02 09:00:00+00'),
            ('grace@example.com', 'Grace', '2024-01-03 09:00:00+00', '2024-01-03 09:00:00+00');
        INSERT INTO clients (name, email, created_at) VALUES ('Acme', 'billing@acme.example', '2024-01-04 09:00:00+00');
        INSERT INTO projects (client_id, name, created_at, updated_at, hourly_rate) VALUES (1, 'Website', '2024-01-05 09:00:00+00', '2024-01-05 09:00:00+00', 95.50);
        INSERT INTO time_entries (user_id, project_id, started_at, ended_at, duration_seconds, billable, created_at, updated_at)
            VALUES (1, 1, '2024-01-08 09:00:00+00', '2024-01-08 10:30:00+00', 5400, true, '2024-01-08 10:30:00+00', '2024-01-08 10:30:00+00');
        INSERT INTO audit_log (user_id, action, entity_type, entity_id, details, created_at)
            VALUES (1, 'create', 'project', '1', '{"name": "Website"}', '2024-01-05 09:00:00+00');

        INSERT INTO alembic_version (version_num) VALUES ('017');
        """;

    /// <summary>Revision 018's tables, created by hand (db.create_all()) while alembic_version still says 017.</summary>
    public const string Tables018ByHand = """
        CREATE TABLE organizations (
            id SERIAL NOT NULL,
            name VARCHAR(255) NOT NULL,
            slug VARCHAR(100) NOT NULL,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (id),
            UNIQUE (slug)
        );
        CREATE TABLE memberships (
            id SERIAL NOT NULL,
            organization_id INTEGER NOT NULL,
            user_id INTEGER NOT NULL,
            role VARCHAR(20) DEFAULT 'member' NOT NULL,
            created_at TIMESTAMP WITH TIME ZONE NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
            FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE,
            UNIQUE (organization_id, user_id)
        );
        INSERT INTO organizations (name, slug, created_at, updated_at) VALUES ('Acme Time', 'acme-time', '2024-02-01 09:00:00+00', '2024-02-01 09:00:00+00');
        INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (1, 1, 'owner', '2024-02-01 09:00:00+00');
        """;

    /// <summary>The seed document's "Verify Success" queries, as written there.</summary>
    public const string VersionQuery = "SELECT version_num FROM alembic_version;";

    public const string NewTablesQuery = """
        SELECT table_name FROM information_schema.tables 
        WHERE table_schema = 'public' 
        AND table_name IN (
            'password_reset_tokens', 
            'email_verification_tokens', 
            'refresh_tokens',
            'subscription_events'
        )
        ORDER BY table_name;
        """;
}
