using System.Runtime.CompilerServices;
using Waymark.Dialects;
using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Execution;

/// <summary>
/// Turns a migration's operations into units of SQL. Consecutive operations on one table that the
/// dialect makes by a rebuild are folded into a single rebuild. Units are produced lazily, so an online
/// run executes each before the next one reads the table it rebuilds.
/// </summary>
internal sealed class OperationTranslator(ISqlDialect dialect)
{
    public async IAsyncEnumerable<SqlUnit> TranslateAsync(
        IReadOnlyList<MigrationOperation> operations, ITableSource tables, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        PendingRebuild? pending = null;
        foreach (var operation in operations)
        {
            if (operation is TableOperation change && dialect.NeedsTableRebuild(operation))
            {
                if (pending is not null && !string.Equals(pending.From.Name, change.Table, StringComparison.OrdinalIgnoreCase))
                {
                    yield return new SqlUnit(null, dialect.GenerateRebuild(pending.ToRebuild()));
                    pending = null;
                }
                pending ??= new PendingRebuild(await tables.GetTableAsync(change.Table, cancellationToken).ConfigureAwait(false));
                pending.Apply(change);
            }
            else
            {
                if (pending is not null)
                {
                    yield return new SqlUnit(null, dialect.GenerateRebuild(pending.ToRebuild()));
                    pending = null;
                }
                yield return new SqlUnit(operation, dialect.Generate(operation));
            }
            tables.Applied(operation);
        }
        if (pending is not null)
            yield return new SqlUnit(null, dialect.GenerateRebuild(pending.ToRebuild()));
    }

    /// <summary>The statements of one operation, or of a rebuild (<paramref name="Operation"/> null) that folds several.</summary>
    public sealed record SqlUnit(MigrationOperation? Operation, IReadOnlyList<SqlStatement> Statements);

    private sealed class PendingRebuild(TableDefinition from)
    {
        private readonly Dictionary<string, string> _copied = from.Columns.ToDictionary(c => c.Name, c => c.Name, StringComparer.OrdinalIgnoreCase);

        public TableDefinition From { get; } = from;

        public TableDefinition To { get; private set; } = from;

        public void Apply(TableOperation change)
        {
            To = To.Apply(change);
            switch (change)
            {
                case DropColumn drop:
                    _copied.Remove(drop.Column);
                    break;
                case RenameColumn rename:
                    _copied[rename.NewName] = _copied[rename.Column];
                    _copied.Remove(rename.Column);
                    break;
            }
        }

        public TableRebuild ToRebuild() => new(From, To, new Dictionary<string, string>(_copied, StringComparer.OrdinalIgnoreCase));
    }
}
