using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Testing;

/// <summary>The tables the per-operation and schema-model tests start from.</summary>
public static class SampleTables
{
    /// <summary>orders(id pk, user_id → users.id, code unique, total check), with an index over (user_id, code).</summary>
    public static readonly TableDefinition Orders = new(
        "orders",
        [
            new ColumnDefinition("id", ColumnType.BigInt, Nullable: false, Identity: true),
            new ColumnDefinition("user_id", ColumnType.BigInt, Nullable: false),
            new ColumnDefinition("code", ColumnType.String(20)),
            new ColumnDefinition("total", ColumnType.Money(10, 2), Default: DefaultValue.Of(0)),
        ],
        new PrimaryKeyDefinition("pk_orders", ["id"]),
        [new ForeignKeyDefinition("fk_orders_user_id", ["user_id"], "users", ["id"], ReferentialAction.Cascade)],
        [new UniqueConstraintDefinition("uq_orders_code", ["code"])],
        [new CheckConstraintDefinition("ck_orders_total", "total >= 0")],
        [new IndexDefinition("ix_orders_user_id_code", "orders", ["user_id", "code"])]);

    /// <summary>Three users: two with an email, two with a nickname, two with an age.</summary>
    public const string InsertUsersSql =
        "INSERT INTO users (name, email, nickname, age) VALUES ('ann', 'ann@x', 'annie', 31), ('bob', 'bob@x', NULL, 42), ('cy', NULL, 'cyc', NULL)";

    /// <summary>users(id, name not null indexed, email unique, nickname, age).</summary>
    public static Revision CreateUsers() => Rev("r1", null, m => m.CreateTable("users", t =>
    {
        t.Id();
        t.String("name", 100).NotNull().Indexed();
        t.String("email", 200).Unique();
        t.String("nickname", 50);
        t.Int("age");
    }), m => m.DropTable("users"));

    /// <summary>posts(id, user_id → users.id on delete cascade, indexed; title).</summary>
    public static Revision CreatePosts(string id = "r2", string down = "r1") => Rev(id, down, m => m.CreateTable("posts", t =>
    {
        t.Id();
        t.References("user_id", "users", ReferentialAction.Cascade).NotNull().Indexed();
        t.Text("title");
    }), m => m.DropTable("posts"));
}
