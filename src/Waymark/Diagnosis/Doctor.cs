using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Waymark.Execution;
using Waymark.Operations;
using Waymark.Revisions;
using Waymark.Schema;

namespace Waymark.Diagnosis;

/// <summary>
/// Finds where a database really is in the chain and whether its version record says so: replays the chain
/// on a scratch database of the same kind, snapshots the schema after every revision, snapshots the live
/// database, and locates it (exactly, or equivalently when it was made outside migrations). Its only repair
/// is to rewrite the version record; it never touches user tables or rows.
/// </summary>
public sealed partial class Doctor
{
    private readonly RevisionGraph _graph;
    private readonly IDatabaseProvider _live;
    private readonly MigratorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Bookkeeping _bookkeeping;
    private readonly SchemaComparer _comparer;
    private ChainReplay? _replay;

    /// <summary>Creates a doctor for <paramref name="live"/> and the chain <paramref name="graph"/>.</summary>
    public Doctor(RevisionGraph graph, IDatabaseProvider live, MigratorOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(live);
        _graph = graph;
        _live = live;
        _options = options ?? new MigratorOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _bookkeeping = new Bookkeeping(live.Dialect, _options);
        _comparer = new SchemaComparer(live.Dialect);
    }

    /// <summary>
    /// An empty database of the same kind to replay the chain in, for users who may not create databases
    /// (<c>--dev-url</c>); it is cleared again afterwards. Null: the doctor creates and removes a scratch database.
    /// </summary>
    public IDatabaseProvider? DevDatabase { get; init; }

    /// <summary>Examines the database and reports; changes nothing.</summary>
    public async Task<DoctorReport> ExamineAsync(CancellationToken cancellationToken)
    {
        var live = await ReadLiveAsync(cancellationToken).ConfigureAwait(false);
        var replay = await ReplayAsync(cancellationToken).ConfigureAwait(false);
        var report = Diagnose(live, replay);
        if (report.Match is not null)
            return report;
        var partial = await new PartialRevisionFinder(_graph, _live.Dialect, _options, _time, _comparer)
            .FindAsync(live.Recorded, WithoutDrift(live.Schema, replay, out _), replay, cancellationToken).ConfigureAwait(false);
        return partial is null ? report : WithPartialRevision(report, partial);
    }

    /// <summary>
    /// Examines the database and applies the safe fixes (version record only, with a history row saying the
    /// doctor wrote it), then examines it again. Running it twice changes nothing the second time.
    /// </summary>
    public async Task<DoctorReport> FixAsync(CancellationToken cancellationToken)
    {
        var before = await ExamineAsync(cancellationToken).ConfigureAwait(false);
        var fix = before.Findings.FirstOrDefault(f => f.IsSafeFix);
        if (fix is null)
            return before;
        var migrator = new Migrator(_graph, _live, _options, _logger, _time);
        await migrator.StampVersionsAsync(fix.StampTo!, "doctor", cancellationToken).ConfigureAwait(false);
        Log.DoctorStamped(_logger, _live.DisplayName, string.Join(",", before.Recorded ?? []), string.Join(",", fix.StampTo!));
        var after = Diagnose(await ReadLiveAsync(cancellationToken).ConfigureAwait(false), _replay!);
        var applied = new Finding("fixed", FindingSeverity.Info,
            $"Fixed: the version record said {Describe(before.Recorded)} and now says {Describe(fix.StampTo)} (a 'doctor' row in " +
            $"{_options.HistoryTable} records it). No table or row was touched.");
        return after with { Findings = [applied, .. after.Findings] };
    }

    /// <summary>
    /// Compares the live schema with the schema the chain produces at exactly <paramref name="versions"/>
    /// (what <c>stamp</c> checks before it writes them); null when the replay never passes through that
    /// combination of heads (branches), so it cannot be checked.
    /// </summary>
    public async Task<SchemaComparison?> CompareWithAsync(IReadOnlyList<string> versions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var live = await ReadLiveAsync(cancellationToken).ConfigureAwait(false);
        var replay = await ReplayAsync(cancellationToken).ConfigureAwait(false);
        var expected = replay.Schemas.LastOrDefault(s => s.Versions.ToHashSet(StringComparer.Ordinal).SetEquals(versions));
        // Stamping base on a database with tables: base is the empty schema.
        expected ??= versions.Count == 0 ? replay.Schemas[0] : null;
        if (expected is null)
            return null;
        var known = replay.Schemas.SelectMany(s => s.Schema.Tables).Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var differences = _comparer.Compare(
            expected.Schema, live.Schema.Without(live.Schema.Tables.Where(t => !known.Contains(t.Name)).Select(t => t.Name)));
        return new SchemaComparison(SchemaComparer.LevelOf(differences), differences);
    }

    private async Task<LiveDatabase> ReadLiveAsync(CancellationToken cancellationToken)
    {
        // A database that does not exist is at base; examining it must not create it.
        if (!await _live.ExistsAsync(cancellationToken).ConfigureAwait(false))
            return new LiveDatabase(null, SchemaSnapshot.Empty, new Dictionary<string, AppliedChecksum>());
        var connection = await _live.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var schema = await _live.SchemaReader.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false);
                IReadOnlyList<string>? recorded = null;
                if (await _live.SchemaReader.ReadTableAsync(connection, null, _options.VersionTable, cancellationToken).ConfigureAwait(
                    false) is not null)
                {
                    var rows = await SqlRunner.QueryValuesAsync(
                        connection, null, _bookkeeping.SelectVersions(), cancellationToken).ConfigureAwait(false);
                    recorded = [.. rows.Select(r => r as string ?? "(null)")];
                }
                var checksums = new Dictionary<string, AppliedChecksum>(StringComparer.Ordinal);
                if (await _live.SchemaReader.ReadTableAsync(connection, null, _options.HistoryTable, cancellationToken).ConfigureAwait(
                    false) is { } history)
                    foreach (var (revision, checksum) in
                        await ReadAppliedChecksumsAsync(connection, history, cancellationToken).ConfigureAwait(false))
                        checksums[revision] = checksum;
                return new LiveDatabase(recorded, schema.Without(
                    [Names.Bare(_options.VersionTable), Names.Bare(_options.HistoryTable), _options.VersionTable, _options.HistoryTable]), checksums);
            }
            catch (DbException ex)
            {
                throw new DatabaseUnavailableException(_live.DisplayName,
                    $"its schema cannot be read ({ex.Message}). The doctor needs to read the catalog, the version table and the history table.", ex);
            }
        }
    }

    /// <summary>The checksums of every upgrade in order; a history table of an older Waymark, without the added columns, reads as nulls.</summary>
    private async Task<List<(string Revision, AppliedChecksum Checksum)>> ReadAppliedChecksumsAsync(
        DbConnection connection, TableDefinition history, CancellationToken cancellationToken)
    {
        var dialect = _live.Dialect;
        string Optional(string column) => history.FindColumn(column) is null ? "NULL" : column;
        var sql = $"SELECT revision, checksum, {Optional("operations_checksum")}, {Optional("waymark_version")} " +
                  $"FROM {dialect.QuoteIdentifier(_options.HistoryTable)} " +
                  "WHERE direction = 'upgrade' AND revision IS NOT NULL AND checksum IS NOT NULL ORDER BY id";
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(string, AppliedChecksum)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add((reader.GetString(0), new AppliedChecksum(reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3))));
        return rows;
    }

    private async Task<ChainReplay> ReplayAsync(CancellationToken cancellationToken)
    {
        if (_replay is not null)
            return _replay;
        var replay = new ChainReplay(_graph, _options);
        if (DevDatabase is { } dev)
        {
            if (!string.Equals(dev.Dialect.Name, _live.Dialect.Name, StringComparison.Ordinal))
                throw new WaymarkUsageException(
                    $"The dev database {dev.DisplayName} is {dev.Dialect.Name}, but {_live.DisplayName} is {_live.Dialect.Name}: " +
                    $"the chain must be replayed on the same kind of database to compare schemas. Give --dev-url a {_live.Dialect.Name} database.");
            await EnsureEmptyAsync(dev, cancellationToken).ConfigureAwait(false);
            try
            {
                await replay.RunAsync(dev, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await ClearAsync(dev, _graph, _options, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            var scratch = await _live.CreateScratchDatabaseAsync(cancellationToken).ConfigureAwait(false);
            await using (scratch.ConfigureAwait(false))
            {
                try
                {
                    await replay.RunAsync(scratch.Provider, cancellationToken).ConfigureAwait(false);
                }
                catch (WaymarkException ex) when (ex is not WaymarkUsageException)
                {
                    throw new WaymarkException($"The doctor could not replay the migrations in its scratch database {scratch.Provider.DisplayName} " +
                        $"(the live database was not touched): {ex.Message}", ex);
                }
            }
        }
        return _replay = replay;
    }

    internal static async Task EnsureEmptyAsync(IDatabaseProvider dev, CancellationToken cancellationToken)
    {
        var connection = await dev.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var schema = await dev.SchemaReader.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false);
            if (schema.Tables.Count > 0)
                throw new WaymarkUsageException($"The dev database {dev.DisplayName} is not empty (it has " +
                    $"{string.Join(", ", schema.Tables.Take(5).Select(t => t.Name))}{(schema.Tables.Count > 5 ? ", …" : "")}). " +
                    $"Give --dev-url an empty database: the doctor fills it with the whole chain and clears it again.");
        }
    }

    /// <summary>Takes the dev database back to empty: the chain downgraded to base, the bookkeeping tables dropped.</summary>
    internal static async Task ClearAsync(IDatabaseProvider dev, RevisionGraph graph, MigratorOptions options, CancellationToken cancellationToken)
    {
        await new Migrator(graph, dev, options).DowngradeAsync("base", cancellationToken).ConfigureAwait(false);
        var connection = await dev.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            foreach (var table in new[] { options.VersionTable, options.HistoryTable })
                foreach (var statement in dev.Dialect.Generate(new DropTable(table)))
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = statement.Sql;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
        }
    }

    private static string Describe(IReadOnlyList<string>? versions) =>
        versions is null ? "nothing (no version table)" : versions.Count == 0 ? "nothing (no rows)" : string.Join(", ", versions);

    private sealed record LiveDatabase(
        IReadOnlyList<string>? Recorded, SchemaSnapshot Schema, IReadOnlyDictionary<string, AppliedChecksum> Checksums);

    /// <summary>
    /// What the history says an upgrade ran: its SQL's checksum, its operations' (null before they were recorded), and by which Waymark.
    /// </summary>
    private sealed record AppliedChecksum(string Sql, string? Operations, string? WaymarkVersion);
}
