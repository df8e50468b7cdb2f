using System.Data.Common;
using Waymark.Execution;
using Waymark.Operations;
using Waymark.Revisions;
using Waymark.Schema;

namespace Waymark.Diagnosis;

/// <summary>
/// Replays the whole chain on an empty database of the live database's kind and keeps the schema after
/// every revision, as that database reports it, and the checksum of each migration's SQL. Only the tables
/// a revision touches are read again after it, so the cost grows with the chain, not its square.
/// </summary>
internal sealed class ChainReplay(RevisionGraph graph, MigratorOptions options)
{
    public IReadOnlyList<RevisionSchema> Schemas { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Checksums { get; private set; } = new Dictionary<string, string>();

    /// <summary>The checksum of each revision's upgrade operations as data (see <see cref="OperationsChecksum"/>).</summary>
    public IReadOnlyDictionary<string, string> OperationsChecksums { get; private set; } = new Dictionary<string, string>();

    public async Task RunAsync(IDatabaseProvider scratch, CancellationToken cancellationToken)
    {
        var bookkeeping = new[] { options.VersionTable, options.HistoryTable };
        var checksums = new Dictionary<string, string>(StringComparer.Ordinal);
        var operationsChecksums = new Dictionary<string, string>(StringComparer.Ordinal);
        var schema = SchemaSnapshot.Empty;
        var schemas = new List<RevisionSchema> { new([], schema) };
        // One run through the whole chain; after each step commits, the run's connection reads what it touched.
        var migrator = new Migrator(graph, scratch, options)
        {
            AfterStepAsync = async (step, connection, token) =>
            {
                var operations = step.Step.Prepare().Operations;
                checksums[step.Step.Revision.Id] = step.Checksum;
                operationsChecksums[step.Step.Revision.Id] = OperationsChecksum.Of(operations);
                schema = await RefreshAsync(scratch.SchemaReader, connection, schema, operations, bookkeeping, token).ConfigureAwait(false);
                schemas.Add(new RevisionSchema(step.Step.VersionsAfter, schema));
            },
        };
        await migrator.UpgradeAsync("heads", cancellationToken).ConfigureAwait(false);
        Schemas = schemas;
        Checksums = checksums;
        OperationsChecksums = operationsChecksums;
    }

    /// <summary>The schema after a revision: the tables it named read again, or everything after raw SQL.</summary>
    internal static async Task<SchemaSnapshot> RefreshAsync(ISchemaReader reader, DbConnection connection, SchemaSnapshot schema,
        IReadOnlyList<MigrationOperation> operations, string[] bookkeeping, CancellationToken cancellationToken)
    {
        var tables = TablesNamedBy(operations);
        if (tables is null)
            return (await reader.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false)).Without(bookkeeping);
        // The tables stay in name order: each one read again goes in its place, not a sort of all of them after every revision,
        // which made a long chain's replay grow faster than the chain (n log n per revision).
        var kept = schema.Tables.Where(t => !tables.Contains(t.Name)).ToList();
        foreach (var name in tables)
        {
            if (await reader.ReadTableAsync(connection, null, name, cancellationToken).ConfigureAwait(false) is not { } table)
                continue;
            var at = kept.BinarySearch(table, ByName);
            kept.Insert(at < 0 ? ~at : at, table);
        }
        return new SchemaSnapshot(kept);
    }

    private static readonly Comparer<TableDefinition> ByName = Comparer<TableDefinition>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));

    /// <summary>The tables whose definition the operations may have changed, or null when raw SQL may have changed any.</summary>
    internal static HashSet<string>? TablesNamedBy(IEnumerable<MigrationOperation> operations)
    {
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case CreateTable create: tables.Add(create.Definition.Name); break;
                case DropTable drop: tables.Add(drop.Table); break;
                // A renamed table or column changes the foreign keys of the tables that reference it: read them all.
                case RenameTable or RenameColumn: return null;
                case TableOperation change: tables.Add(change.Table); break;
                case DataStatement: break;
                default: return null;
            }
        }
        return tables;
    }
}
