using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Execution;

/// <summary>
/// SHA-256 of a migration's operations as data: a canonical rendering of the operation list that no SQL generator takes
/// part in. Recorded next to the SQL checksum, it tells a migration someone edited (both change) from SQL that only a
/// new Waymark version writes differently (the SQL checksum changes, this one does not).
/// </summary>
internal static class OperationsChecksum
{
    public static string Of(IEnumerable<MigrationOperation> operations)
    {
        var text = string.Join("\n", operations.Select(Render));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>One operation as text. Records of names and flags only print completely; those holding lists are spelled out.</summary>
    internal static string Render(MigrationOperation operation) => operation switch
    {
        CreateTable create => $"create table {create.Definition.Name}\n{SchemaText.Describe(new SchemaSnapshot([create.Definition]))}" +
            string.Join("\n", create.Definition.Columns.Select(c => $"  default of {c.Name}: {Default(c.Default)}")),
        AddColumn add => $"add column {add.Table}: {Column(add.Column)}",
        AlterColumn alter => $"alter column {alter.Table}.{alter.Column}: type {alter.Type?.ToString() ?? "kept"}, " +
            $"nullable {alter.Nullable?.ToString() ?? "kept"}, default {Default(alter.Default)}, drop default {alter.DropDefault}",
        CreateIndex create => $"create index {create.Index.Name} on {create.Index.Table} ({string.Join(", ", create.Index.Columns)}) " +
            $"unique {create.Index.Unique} where {create.Index.Filter} concurrently {create.Concurrently}",
        AddForeignKey add => $"add foreign key {add.ForeignKey.Name} on {add.Table} ({string.Join(", ", add.ForeignKey.Columns)}) -> " +
            $"{add.ForeignKey.ReferencedTable} ({string.Join(", ", add.ForeignKey.ReferencedColumns)}) on delete {add.ForeignKey.OnDelete} " +
            $"not valid {add.NotValid}",
        AddUniqueConstraint add => $"add unique {add.Constraint.Name} on {add.Table} ({string.Join(", ", add.Constraint.Columns)})",
        ExecuteSql sql => $"execute sql {sql.Sql}" +
            string.Concat(sql.PerDialect.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\n  on {p.Key}: {p.Value}")),
        DataStatement data => $"data statement {data.Sql}" +
            string.Concat(data.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\n  @{p.Key} = {Value(p.Value)}")),
        _ => operation.ToString(),
    };

    private static string Column(ColumnDefinition column) =>
        $"{column.Name} {column.Type} nullable {column.Nullable} default {Default(column.Default)} identity {column.Identity}";

    private static string Default(DefaultValue? value) => value switch
    {
        null => "none",
        { IsCurrentTimestamp: true } => "current timestamp",
        { Sql: { } sql } => $"sql {sql}",
        _ => Value(value.Constant),
    };

    /// <summary>A value with its type: the constant 1 and the text '1' make different SQL.</summary>
    private static string Value(object? value) =>
        value is null ? "null" : $"{value.GetType().Name} {Convert.ToString(value, CultureInfo.InvariantCulture)}";
}
