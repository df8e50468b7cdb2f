using System.Text;

namespace Waymark.Schema;

/// <summary>Writes a schema as stable, line-per-object text.</summary>
internal static class SchemaText
{
    public static string Describe(SchemaSnapshot schema)
    {
        var text = new StringBuilder();
        foreach (var table in schema.Tables)
        {
            text.Append("table ").AppendLine(table.Name);
            foreach (var c in table.Columns)
            {
                text.Append("  column ").Append(c.Name).Append(' ').Append(c.Type)
                    .Append(c.Nullable ? " null" : " not null");
                if (c.Default is not null) text.Append(" default ").Append(c.Default);
                if (c.Identity) text.Append(" identity");
                text.AppendLine();
            }
            if (table.PrimaryKey is { } pk)
                text.Append("  primary key ").Append(pk.Name).Append(" (").AppendJoin(", ", pk.Columns).AppendLine(")");
            foreach (var u in table.UniqueConstraints)
                text.Append("  unique ").Append(u.Name).Append(" (").AppendJoin(", ", u.Columns).AppendLine(")");
            foreach (var f in table.ForeignKeys)
                text.Append("  foreign key ").Append(f.Name).Append(" (").AppendJoin(", ", f.Columns).Append(") -> ")
                    .Append(f.ReferencedTable).Append(" (").AppendJoin(", ", f.ReferencedColumns).Append(") on delete ")
                    .AppendLine(f.OnDelete.ToString());
            foreach (var c in table.CheckConstraints)
                text.Append("  check ").Append(c.Name).Append(' ').AppendLine(c.Expression);
            foreach (var i in table.Indexes)
                text.Append(i.Unique ? "  unique index " : "  index ").Append(i.Name).Append(" (").AppendJoin(", ", i.Columns)
                    .Append(')').AppendLine(i.Filter is null ? "" : $" where {i.Filter}");
            foreach (var n in table.NativeObjects)
                text.Append("  ").Append(n.Kind).Append(' ').Append(n.Name).Append(": ").AppendLine(n.Sql);
        }
        return text.ToString();
    }
}
