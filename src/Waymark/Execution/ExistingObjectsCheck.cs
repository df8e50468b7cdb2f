using System.Data.Common;
using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Execution;

/// <summary>
/// Finds what a migration would create that the live database already has: tables, columns and indexes,
/// following the migration's own drops and renames so that re-creating something it just removed is fine.
/// </summary>
internal sealed class ExistingObjectsCheck(ISchemaReader reader, Dialects.ISqlDialect dialect, DbConnection connection, DbTransaction? transaction)
{
    private readonly Dictionary<string, TableDefinition?> _live = new(StringComparer.OrdinalIgnoreCase);

    public async Task<List<string>> FindAsync(IReadOnlyList<MigrationOperation> operations, CancellationToken cancellationToken)
    {
        var existing = new List<string>();
        // Tables, columns and indexes this migration removed or created before the operation at hand.
        var gone = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var made = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case CreateTable create:
                    if (!made.Contains(Key("table", create.Definition.Name)) && !gone.Contains(Key("table", create.Definition.Name))
                        && await LiveAsync(create.Definition.Name, cancellationToken).ConfigureAwait(false) is not null)
                        existing.Add($"table {create.Definition.Name}");
                    made.Add(Key("table", create.Definition.Name));
                    break;
                case AddColumn add:
                    if (!made.Contains(Key("table", add.Table)) && !gone.Contains(Key("column", add.Table, add.Column.Name))
                        && (await LiveAsync(add.Table, cancellationToken).ConfigureAwait(false))?.FindColumn(add.Column.Name) is not null)
                        existing.Add($"column {add.Table}.{add.Column.Name}");
                    break;
                // A concurrent build says IF NOT EXISTS, and the index an earlier failed build left is dropped and built again.
                case CreateIndex index when dialect.RunsOutsideTransaction(index):
                    break;
                case CreateIndex index:
                    if (!made.Contains(Key("table", index.Table)) && !gone.Contains(Key("index", index.Index.Name))
                        && (await LiveAsync(index.Table, cancellationToken).ConfigureAwait(false))?.Indexes.Any(
                            i => string.Equals(i.Name, index.Index.Name, StringComparison.OrdinalIgnoreCase)) == true)
                        existing.Add($"index {index.Index.Name}");
                    break;
                case DropTable drop: gone.Add(Key("table", drop.Table)); break;
                case RenameTable rename: gone.Add(Key("table", rename.Table)); made.Add(Key("table", rename.NewName)); break;
                case DropColumn drop: gone.Add(Key("column", drop.Table, drop.Column)); break;
                case RenameColumn rename: gone.Add(Key("column", rename.Table, rename.Column)); break;
                case DropIndex drop: gone.Add(Key("index", drop.Name)); break;
            }
        }
        return existing;
    }

    private async Task<TableDefinition?> LiveAsync(string table, CancellationToken cancellationToken)
    {
        if (!_live.TryGetValue(table, out var definition))
            _live[table] = definition = await reader.ReadTableAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
        return definition;
    }

    private static string Key(params string[] parts) => string.Join(':', parts);
}
