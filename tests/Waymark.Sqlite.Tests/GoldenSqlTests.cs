using Waymark.Dialects;
using Waymark.Testing.Scenarios;

namespace Waymark.Sqlite.Tests;

/// <summary>
/// The SQL SQLite is given for each kind of operation. What its ALTER TABLE cannot do is a rebuild of orders:
/// a new table under a temporary name, the rows copied, the AUTOINCREMENT counter carried over, the old table
/// dropped, the new one renamed (legacy rename, so views and triggers are not re-checked) and its indexes recreated.
/// </summary>
public sealed class SqliteGoldenSqlTests : GoldenSqlScenarios
{
    private const string AllColumns = "\"id\", \"user_id\", \"code\", \"total\"";

    protected override ISqlDialect Dialect { get; } = new SqliteDialect();

    protected override string CreateTableSql => """
        CREATE TABLE "invoices" (
            "id" INTEGER NOT NULL CONSTRAINT "pk_invoices" PRIMARY KEY AUTOINCREMENT,
            "order_id" INTEGER NOT NULL,
            "number" TEXT NOT NULL,
            "paid" INTEGER NOT NULL DEFAULT 0,
            "issued_at" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            "due_on" TEXT,
            "lines" TEXT,
            "discount" INTEGER DEFAULT (-1),
            CONSTRAINT "uq_invoices_number" UNIQUE ("number"),
            CONSTRAINT "fk_invoices_order_id" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE RESTRICT,
            CONSTRAINT "ck_invoices_discount" CHECK (discount >= -1)
        );
        CREATE INDEX "ix_invoices_order_id" ON "invoices" ("order_id");
        """;

    protected override string DropTableSql =>
        """DROP TABLE "orders";""";

    protected override string RenameTableSql =>
        """ALTER TABLE "orders" RENAME TO "purchases";""";

    protected override string AddColumnSql =>
        """ALTER TABLE "orders" ADD COLUMN "note" TEXT;""";

    protected override string AddNotNullColumnSql => Rebuild(
        """
            "id" INTEGER NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
            "user_id" INTEGER NOT NULL,
            "code" TEXT,
            "total" NUMERIC DEFAULT 0,
            "placed_at" TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            CONSTRAINT "uq_orders_code" UNIQUE ("code"),
            CONSTRAINT "fk_orders_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
            CONSTRAINT "ck_orders_total" CHECK (total >= 0)
        """);

    protected override string DropColumnSql => Rebuild(
        """
            "id" INTEGER NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
            "user_id" INTEGER NOT NULL,
            "total" NUMERIC DEFAULT 0,
            CONSTRAINT "fk_orders_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
            CONSTRAINT "ck_orders_total" CHECK (total >= 0)
        """,
        "\"id\", \"user_id\", \"total\"",
        keepsIndex: false);

    protected override string RenameColumnSql =>
        """ALTER TABLE "orders" RENAME COLUMN "code" TO "reference";""";

    protected override string AlterColumnSql => Rebuild(
        """
            "id" INTEGER NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
            "user_id" INTEGER NOT NULL,
            "code" TEXT NOT NULL DEFAULT 'none',
            "total" NUMERIC DEFAULT 0,
            CONSTRAINT "uq_orders_code" UNIQUE ("code"),
            CONSTRAINT "fk_orders_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
            CONSTRAINT "ck_orders_total" CHECK (total >= 0)
        """);

    protected override string AlterColumnDropDefaultSql => Rebuild(
        """
            "id" INTEGER NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
            "user_id" INTEGER NOT NULL,
            "code" TEXT,
            "total" NUMERIC,
            CONSTRAINT "uq_orders_code" UNIQUE ("code"),
            CONSTRAINT "fk_orders_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
            CONSTRAINT "ck_orders_total" CHECK (total >= 0)
        """);

    protected override string CreateIndexSql =>
        """CREATE INDEX "ix_orders_total" ON "orders" ("total");""";

    protected override string CreateUniqueIndexSql =>
        """CREATE UNIQUE INDEX "ux_orders_user_id_code" ON "orders" ("user_id", "code");""";

    protected override string CreatePartialIndexSql =>
        """CREATE INDEX "ix_orders_open" ON "orders" ("user_id") WHERE total > 0;""";

    protected override string DropIndexSql =>
        """DROP INDEX "ix_orders_user_id_code";""";

    protected override string AddForeignKeySql => Rebuild(
        """
            "id" INTEGER NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
            "user_id" INTEGER NOT NULL,
            "code" TEXT,
            "total" NUMERIC DEFAULT 0,
            CONSTRAINT "uq_orders_code" UNIQUE ("code"),
            CONSTRAINT "fk_orders_code" FOREIGN KEY ("code") REFERENCES "codes" ("value") ON DELETE SET NULL,
            CONSTRAINT "fk_orders_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
            CONSTRAINT "ck_orders_total" CHECK (total >= 0)
        """);

    protected override string DropForeignKeySql => Rebuild(
        """
            "id" INTEGER NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
            "user_id" INTEGER NOT NULL,
            "code" TEXT,
            "total" NUMERIC DEFAULT 0,
            CONSTRAINT "uq_orders_code" UNIQUE ("code"),
            CONSTRAINT "ck_orders_total" CHECK (total >= 0)
        """);

    protected override string AddUniqueConstraintSql => Rebuild(
        """
            "id" INTEGER NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
            "user_id" INTEGER NOT NULL,
            "code" TEXT,
            "total" NUMERIC DEFAULT 0,
            CONSTRAINT "uq_orders_code" UNIQUE ("code"),
            CONSTRAINT "uq_orders_user_id_total" UNIQUE ("user_id", "total"),
            CONSTRAINT "fk_orders_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
            CONSTRAINT "ck_orders_total" CHECK (total >= 0)
        """);

    protected override string DropUniqueConstraintSql => Rebuild(
        """
            "id" INTEGER NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
            "user_id" INTEGER NOT NULL,
            "code" TEXT,
            "total" NUMERIC DEFAULT 0,
            CONSTRAINT "fk_orders_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
            CONSTRAINT "ck_orders_total" CHECK (total >= 0)
        """);

    protected override string AddCheckConstraintSql => Rebuild(
        """
            "id" INTEGER NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
            "user_id" INTEGER NOT NULL,
            "code" TEXT,
            "total" NUMERIC DEFAULT 0,
            CONSTRAINT "uq_orders_code" UNIQUE ("code"),
            CONSTRAINT "fk_orders_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
            CONSTRAINT "ck_orders_total" CHECK (total >= 0),
            CONSTRAINT "ck_orders_code" CHECK (code <> '')
        """);

    protected override string DropCheckConstraintSql => Rebuild(
        """
            "id" INTEGER NOT NULL CONSTRAINT "pk_orders" PRIMARY KEY AUTOINCREMENT,
            "user_id" INTEGER NOT NULL,
            "code" TEXT,
            "total" NUMERIC DEFAULT 0,
            CONSTRAINT "uq_orders_code" UNIQUE ("code"),
            CONSTRAINT "fk_orders_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
        """);

    /// <summary>SQLite has no concurrent builds: the flag is ignored, and the SQL is a plain index's.</summary>
    protected override string CreateIndexConcurrentlySql => CreateUniqueIndexSql;

    protected override string DropIndexConcurrentlySql => DropIndexSql;

    /// <summary>SQLite adds a key by rebuilding the table, which checks every row: NOT VALID is ignored.</summary>
    protected override string AddForeignKeyNotValidSql => AddForeignKeySql;

    protected override string AddCheckConstraintNotValidSql => AddCheckConstraintSql;

    /// <summary>Nothing: every constraint SQLite has was checked when its table was rebuilt.</summary>
    protected override string ValidateConstraintSql => "";

    /// <summary>SQLite ignores the run's lock and statement timeouts (one writer at a time, no lock queue).</summary>
    protected override string TransactionTimeoutsSql => "";

    protected override string SessionTimeoutsResetSql => "";

    protected override string ExecuteSqlSql => "UPDATE orders SET code = NULL WHERE code = '';";

    protected override string DataStatementSql => "INSERT INTO orders (user_id, code, total) VALUES (7, 'o''k', 12.5);";

    protected override IReadOnlyList<string> ScriptClientDirectives => [".bail on"];

    /// <summary>The rebuild of orders into a table whose columns and constraints are <paramref name="definition"/>.</summary>
    private static string Rebuild(string definition, string copied = AllColumns, bool keepsIndex = true) =>
        $"""
        CREATE TABLE "_waymark_rebuild_orders" (
        {definition}
        );
        INSERT INTO "_waymark_rebuild_orders" ({copied}) SELECT {copied} FROM "orders";
        DELETE FROM sqlite_sequence WHERE name = '_waymark_rebuild_orders';
        INSERT INTO sqlite_sequence (name, seq) SELECT '_waymark_rebuild_orders', seq FROM sqlite_sequence WHERE name = 'orders';
        DROP TABLE "orders";
        PRAGMA legacy_alter_table = ON;
        ALTER TABLE "_waymark_rebuild_orders" RENAME TO "orders";
        PRAGMA legacy_alter_table = OFF;
        """ + (keepsIndex ? "\n" + """CREATE INDEX "ix_orders_user_id_code" ON "orders" ("user_id", "code");""" : "");
}
