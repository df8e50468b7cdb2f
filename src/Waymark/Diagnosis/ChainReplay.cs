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

    public async Task RunAsync(IDatabaseProvider scratch, CancellationToken cancellationToken)
    {
        var bookkeeping = new[] { options.VersionTable, options.HistoryTable };
        var migrator = new Migrator(graph, scratch, options);
        var checksums = new Dictionary<string, string>(StringComparer.Ordinal);
        var touched = new List<MigrationOperation>();
        migrator.StepCompleted = step =>
        {
            checksums[step.Step.Revision.Id] = step.Checksum;
            touched.AddRange(step.Step.Prepare().Operations);
        };
        var schema = SchemaSnapshot.Empty;
        var schemas = new List<RevisionSchema> { new([], schema) };
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var revision in graph.Revisions)
        {
            touched.Clear();
            await migrator.UpgradeAsync(revision.Id, cancellationToken).ConfigureAwait(false);
            applied.Add(revision.Id);
            schema = await RefreshAsync(scratch, schema, touched, bookkeeping, cancellationToken).ConfigureAwait(false);
            schemas.Add(new RevisionSchema(graph.HeadsOf(applied), schema));
        }
        Schemas = schemas;
        Checksums = checksums;
    }

    /// <summary>The schema after a revision: the tables it named read again, or everything after raw SQL.</summary>
    private static async Task<SchemaSnapshot> RefreshAsync(IDatabaseProvider scratch, SchemaSnapshot schema, List<MigrationOperation> operations, string[] bookkeeping, CancellationToken cancellationToken)
    {
        var connection = await scratch.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var tables = TablesNamedBy(operations);
            if (tables is null)
                return (await scratch.SchemaReader.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false)).Without(bookkeeping);
            var kept = schema.Tables.Where(t => !tables.Contains(t.Name)).ToList();
            foreach (var name in tables)
                if (await scratch.SchemaReader.ReadTableAsync(connection, null, name, cancellationToken).ConfigureAwait(false) is { } table)
                    kept.Add(table);
            return new SchemaSnapshot([.. kept.OrderBy(t => t.Name, StringComparer.Ordinal)]);
        }
    }

    /// <summary>The tables whose definition the operations may have changed, or null when raw SQL may have changed any.</summary>
    private static HashSet<string>? TablesNamedBy(IEnumerable<MigrationOperation> operations)
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
