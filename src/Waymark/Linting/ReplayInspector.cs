using System.Data.Common;
using Waymark.Execution;
using Waymark.Operations;
using Waymark.Planning;
using static Waymark.Linting.LintRules;

namespace Waymark.Linting;

/// <summary>
/// Watches the replay of the linted revisions statement by statement: reads the catalog before a revision's first
/// statement and after each statement (a table rebuild: after its last), before the commit, and turns what changed into
/// findings. Only what happened to tables that existed when the revision began matters: nobody else can use a table the
/// same revision created.
/// </summary>
internal sealed class ReplayInspector(ILintProbe probe, IReadOnlySet<string> bookkeeping) : IStatementObserver
{
    private readonly ILintProbe _probe = probe;
    private readonly List<LintFinding> _findings = [];
    private readonly List<BreakCheck> _breakChecks = [];
    private readonly HashSet<string> _addedNotValid = new(StringComparer.OrdinalIgnoreCase);
    private CatalogSnapshot _stepStart = new([], []);
    private CatalogSnapshot _previous = new([], []);
    private ExecutedStatement? _unitStart;

    /// <summary>The tables there were before the first linted revision.</summary>
    public HashSet<string>? TablesBeforeRange { get; private set; }

    public IReadOnlyList<LintFinding> Findings => _findings;

    public IReadOnlyList<BreakCheck> BreakChecks => _breakChecks;

    public async Task StepStartingAsync(MigrationStep step, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        _stepStart = _previous = await ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        // The first linted revision's start is the range's: an empty set there (a range from base) stays empty.
        TablesBeforeRange ??= _stepStart.Tables.Select(t => t.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        _addedNotValid.Clear();
        _unitStart = null;
    }

    public async Task StatementExecutedAsync(
        ExecutedStatement statement, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        // A table rebuild is looked at whole: half-way, its table is gone or has its temporary name. A new table concerns
        // nobody yet, and data statements change no catalog: neither is read (most of a chain creates tables).
        _unitStart ??= statement;
        if (!statement.EndsUnit || statement.Operation is DataStatement or CreateTable)
        {
            if (statement.EndsUnit)
                _unitStart = null;
            return;
        }
        var start = _unitStart;
        _unitStart = null;
        var now = await ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        new StatementDiff(this, start, statement, _stepStart, _previous, now, transaction is not null).Inspect();
        _previous = now;
    }

    private async Task<CatalogSnapshot> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var snapshot = await _probe.ReadCatalogAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        return snapshot with
        {
            Tables = [.. snapshot.Tables.Where(t => !bookkeeping.Contains(t.Name))],
            Locks = [.. snapshot.Locks.Where(l => !bookkeeping.Contains(l.Table))],
        };
    }

    /// <summary>What one statement (or rebuild) changed, compared table by table.</summary>
    private sealed class StatementDiff(
        ReplayInspector inspector, ExecutedStatement first, ExecutedStatement last, CatalogSnapshot stepStart, CatalogSnapshot before,
        CatalogSnapshot after, bool inTransaction)
    {
        private readonly bool _rebuild = last.Operation is null;

        private string Sql => _rebuild
            ? $"{first.Statement.Sql.Split('\n')[0]} … (table rebuild, statements {first.Index}–{last.Index})"
            : last.Statement.Sql;

        public void Inspect()
        {
            foreach (var table in after.Tables)
            {
                // A table dropped earlier in the revision and back now was rebuilt by hand: not dropped after all.
                inspector._findings.RemoveAll(f => f.Rule == DropInUse && f.Sql is not null && f.Revision == last.Step.Revision.Id
                    && f.Message == DroppedTable(table.Name));
                // A hand-written rebuild is several statements: compared with the revision's start, not the statement before.
                if (stepStart.Find(table.Id) is { AutoIncrement: true } initial && !table.AutoIncrement
                    && !inspector._findings.Any(f => f.Rule == LostAutoIncrement && f.Table == table.Name && f.Revision == last.Step.Revision.Id))
                    Add(LostAutoIncrement, table.Name, $"{initial.Name} lost the AUTOINCREMENT of its key: ids of deleted rows will be reused",
                        LostAutoIncrement.Rewrite);
                var old = before.Find(table.Id);
                if (old is null)
                {
                    // SQLite keeps a renamed table's storage, not its identity (its name).
                    if (before.Tables.FirstOrDefault(t => t.Storage == table.Storage && after.Find(t.Id) is null) is { } renamed)
                        RenamedTable(renamed, table);
                    continue;
                }
                if (!string.Equals(old.Name, table.Name, StringComparison.Ordinal))
                    RenamedTable(old, table);
                if (stepStart.Find(table.Id) is not null)
                    Changed(old, table);
            }
            foreach (var gone in before.Tables.Where(t => after.Find(t.Id) is null && after.Tables.All(n => n.Storage != t.Storage)))
                if (stepStart.Find(gone.Id) is not null)
                    Add(DropInUse, gone.Name, DroppedTable(gone.Name), $"stop using {gone.Name} in a release first; DropTable in a later release");
        }

        private static string DroppedTable(string table) => $"table {table} is dropped";

        private void RenamedTable(CatalogTable old, CatalogTable renamed)
        {
            if (stepStart.Find(old.Id) is null)
                return;
            // Named by its old name: the name the running release uses and the live database knows.
            Add(RenameInUse, old.Name, $"table {old.Name} is renamed to {renamed.Name}",
                $"keep {old.Name}; create {renamed.Name} beside it or a view named {old.Name} until the old release is gone");
        }

        private void Changed(CatalogTable old, CatalogTable table)
        {
            var rewritten = old.Storage != table.Storage;
            var held = after.Locks.Where(l => string.Equals(l.Table, table.Name, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(l => l.Strength).FirstOrDefault();
            var causes = 0;
            causes += Columns(old, table, rewritten, held);
            causes += Indexes(old, table, held);
            causes += Constraints(old, table, held);
            if (_rebuild && rewritten)
                Add(TableRebuild, table.Name, $"{table.Name} is rebuilt: every row is copied into a new table", TableRebuild.Rewrite, held);
            else if (rewritten && causes == 0)
                Add(TypeChangeRewrite with { Title = "table rewritten" }, table.Name, $"{table.Name} is rewritten (its storage changed)",
                    TypeChangeRewrite.Rewrite, held);
        }

        private int Columns(CatalogTable old, CatalogTable table, bool rewritten, SessionLock? held)
        {
            var causes = 0;
            var t = table.Name;
            foreach (var column in table.Columns)
            {
                var c = column.Name;
                var was = old.Column(c);
                if (was is null)
                {
                    var renamed = rewritten ? null : old.Columns.FirstOrDefault(o => o.Position == column.Position && table.Column(o.Name) is null);
                    if (renamed is not null)
                    {
                        Add(RenameInUse, table.Name, $"column {table.Name}.{renamed.Name} is renamed to {column.Name}",
                            $"AddColumn(\"{table.Name}\", \"{column.Name}\", …); write both, backfill, switch reads; " +
                            $"DropColumn(\"{table.Name}\", \"{renamed.Name}\") in a later release");
                        continue;
                    }
                    if (rewritten && !_rebuild && column.HasDefault && !column.HasMissingValue)
                    {
                        causes++;
                        Add(VolatileDefault, t, $"column {t}.{c} is added with a volatile default: every row is rewritten",
                            $"AddColumn(\"{t}\", \"{c}\", type); AlterColumn(\"{t}\", \"{c}\", defaultValue: …); " +
                            "backfill the existing rows in batches", held);
                    }
                    if (column.NotNull && !column.HasDefault)
                        Check(table.Name, null, unique: false, $"column {table.Name}.{column.Name} is added NOT NULL without a default");
                    continue;
                }
                if (!string.Equals(was.Type, column.Type, StringComparison.OrdinalIgnoreCase) && rewritten && !_rebuild)
                {
                    causes++;
                    Add(TypeChangeRewrite, t, $"column {t}.{c} changes type {was.Type} → {column.Type}: the table is rewritten",
                        $"AddColumn(\"{t}\", \"{c}_new\", {column.Type}); backfill in batches (Execute); switch the code; " +
                        $"DropColumn(\"{t}\", \"{c}\") in a later release", held);
                }
                if (!was.NotNull && column.NotNull)
                {
                    if (!rewritten && !ProvenNotNull(table, column.Name))
                    {
                        causes++;
                        var check = $"ck_{t.Replace('.', '_')}_{c}_not_null";
                        Add(NotNullByScan, t, $"{t}.{c} is made NOT NULL by scanning every row",
                            $"AddCheckConstraint(\"{t}\", \"{check}\", \"{c} IS NOT NULL\", notValid: true); in a later revision " +
                            $"ValidateConstraint(\"{t}\", \"{check}\"), AlterColumn(\"{t}\", \"{c}\", nullable: false), " +
                            $"DropCheckConstraint(\"{t}\", \"{check}\")", held);
                    }
                    Check(table.Name, [column.Name], unique: false, $"{table.Name}.{column.Name} is made NOT NULL");
                }
            }
            foreach (var dropped in old.Columns.Where(c => table.Column(c.Name) is null
                && (rewritten || table.Columns.All(n => n.Position != c.Position || old.Column(n.Name) is not null))))
                Add(DropInUse, t, $"column {t}.{dropped.Name} is dropped",
                    $"stop using {t}.{dropped.Name} in a release first; DropColumn(\"{t}\", \"{dropped.Name}\") in a later release");
            return causes;
        }

        private int Indexes(CatalogTable old, CatalogTable table, SessionLock? held)
        {
            var causes = 0;
            var concurrently = last.Statement.Sql.Contains("CONCURRENTLY", StringComparison.OrdinalIgnoreCase);
            // Outside a transaction the statement's locks are gone before they can be read: its SQL says how it ran.
            var blocking = inspector._probe.SeesLocks && (held is { BlocksWrites: true } || !inTransaction && !concurrently);
            foreach (var index in table.Indexes.Where(i => old.Index(i.Name) is null))
            {
                if (index.Unique && index.Columns.Count > 0)
                    Check(table.Name, index.Columns, unique: true, $"unique index {index.Name} on {table.Name} ({string.Join(", ", index.Columns)})");
                if (!blocking || _rebuild)
                    continue;
                causes++;
                var columns = string.Join(", ", index.Columns.Select(c => $"\"{c}\""));
                var (t, listed) = (table.Name, string.Join(", ", index.Columns));
                if (table.Constraint(index.Name) is { Kind: CatalogConstraintKind.PrimaryKey or CatalogConstraintKind.Unique } constraint
                    && old.Constraint(constraint.Name) is null)
                    Add(ConstraintIndexUnderLock, t, $"constraint {constraint.Name} builds its index on {t} ({listed})",
                        $"CreateIndex(\"{t}\", [{columns}], name: \"{index.Name}\", unique: true, concurrently: true) in a revision of its own; " +
                        $"then Sql(\"ALTER TABLE {t} ADD CONSTRAINT {constraint.Name} " +
                        $"{(constraint.Kind == CatalogConstraintKind.PrimaryKey ? "PRIMARY KEY" : "UNIQUE")} USING INDEX {index.Name}\")", held);
                else
                    Add(IndexWithoutConcurrently, t, $"index {index.Name} on {t} ({listed}) is built without CONCURRENTLY",
                        $"CreateIndex(\"{t}\", [{columns}], name: \"{index.Name}\"{(index.Unique ? ", unique: true" : "")}, concurrently: true) " +
                        "in a revision of its own", held);
            }
            foreach (var index in old.Indexes.Where(i => table.Index(i.Name) is null && i.Columns.All(c => table.Column(c) is not null)))
            {
                if (!blocking || _rebuild || old.Constraint(index.Name) is not null)
                    continue;
                causes++;
                Add(DropIndexWithoutConcurrently, table.Name, $"index {index.Name} on {table.Name} is dropped without CONCURRENTLY",
                    $"DropIndex(\"{table.Name}\", \"{index.Name}\", concurrently: true) in a revision of its own", held);
            }
            return causes;
        }

        private int Constraints(CatalogTable old, CatalogTable table, SessionLock? held)
        {
            var causes = 0;
            foreach (var constraint in table.Constraints.Where(c => c.Kind is CatalogConstraintKind.ForeignKey or CatalogConstraintKind.Check))
            {
                var was = old.Constraint(constraint.Name);
                var key = $"{table.Name}.{constraint.Name}";
                if (was is null && !constraint.Validated)
                    inspector._addedNotValid.Add(key);
                else if (was is null && !_rebuild)
                {
                    causes++;
                    var add = constraint.Kind == CatalogConstraintKind.ForeignKey ? "AddForeignKey" : "AddCheckConstraint";
                    Add(ConstraintWithoutNotValid, table.Name,
                        $"{constraint.Name} on {table.Name} is added valid: every row is checked under the lock",
                        $"{add}(\"{table.Name}\", …, name: \"{constraint.Name}\", notValid: true); " +
                        $"ValidateConstraint(\"{table.Name}\", \"{constraint.Name}\") in a later revision", held);
                }
                else if (was is { Validated: false } && constraint.Validated && inspector._addedNotValid.Contains(key))
                {
                    causes++;
                    Add(ValidatedInSameTransaction, table.Name, $"{constraint.Name} on {table.Name} is validated in the revision that added it",
                        $"move ValidateConstraint(\"{table.Name}\", \"{constraint.Name}\") to a later revision", held);
                }
            }
            return causes;
        }

        private static bool ProvenNotNull(CatalogTable table, string column) => table.Constraints.Any(
            c => c is { Kind: CatalogConstraintKind.Check, Validated: true }
                && c.Definition.Contains($"{column} IS NOT NULL", StringComparison.OrdinalIgnoreCase));

        private void Add(LintRule rule, string table, string message, string rewrite, SessionLock? held = null) =>
            inspector._findings.Add(Finding(rule, table, message, rewrite, held));

        private LintFinding Finding(LintRule rule, string table, string message, string rewrite, SessionLock? held = null) =>
            new(rule, rule.Severity, last.Step.Revision.Id, first.Index, Sql, table, message, rewrite)
            {
                Lock = held is { Strength: >= 4 } ? held : null,
            };

        private void Check(string table, IReadOnlyList<string>? columns, bool unique, string what) =>
            inspector._breakChecks.Add(new BreakCheck(Finding(BreaksLiveRows, table, what, BreaksLiveRows.Rewrite), table, columns, unique));
    }
}
