using Waymark.Dialects;
using Waymark.Execution;
using Waymark.Operations;
using Waymark.Planning;
using Waymark.Revisions;
using Waymark.Schema;

namespace Waymark.Diagnosis;

/// <summary>
/// Recognises a revision applied in part: the version record names R, the tables the next revision leaves alone
/// are R's, and some of that revision's statements have left their change in the schema while others have not.
/// Each statement is checked against the live schema by what it makes (a table, a column, a key by its columns),
/// and the two ways out are written as scripts: complete the revision, or undo its applied part.
/// </summary>
internal sealed class PartialRevisionFinder(
    RevisionGraph graph, ISqlDialect dialect, MigratorOptions options, TimeProvider time, SchemaComparer comparer)
{
    public async Task<PartialRevision?> FindAsync(
        IReadOnlyList<string>? recorded, SchemaSnapshot live, ChainReplay replay, CancellationToken cancellationToken)
    {
        if (recorded is not [var parent] || !graph.Contains(parent) || SchemaAt(replay, parent) is not { } before)
            return null;
        foreach (var child in graph.ChildrenOf(parent))
        {
            var revision = graph.Get(child);
            if (revision.IsMerge || SchemaAt(replay, child) is not { } after)
                continue;
            var step = new MigrationStep(revision, MigrationDirection.Upgrade, [parent], [child]);
            var (migration, operations) = step.Prepare();
            // The rest of the schema must be R's, or this is not "R plus part of the next revision".
            if (ChainReplay.TablesNamedBy(operations) is { } touched
                && SchemaComparer.LevelOf(comparer.Compare(before.Without(touched), live.Without(touched))) == MatchLevel.None)
                continue;
            var checks = operations.Select((o, i) => new OperationCheck(i + 1, o.Describe(), StateOf(o, live, before, after))).ToList();
            if (!checks.Any(c => c.State == OperationState.Present) || !checks.Any(c => c.State == OperationState.Missing))
                continue;
            return await ScriptsAsync(
                step, migration.IsTransactional, operations, checks, live, replay.Checksums[child], cancellationToken).ConfigureAwait(false);
        }
        return null;
    }

    private async Task<PartialRevision> ScriptsAsync(MigrationStep step, bool transactional, IReadOnlyList<MigrationOperation> operations,
        List<OperationCheck> checks, SchemaSnapshot live, string checksum, CancellationToken cancellationToken)
    {
        // Statements that leave no trace ran if a later statement's change is there; those after the last one
        // that is there most likely did not run (a revision run statement by statement stops at its first failure).
        var lastPresent = checks.FindLastIndex(c => c.State == OperationState.Present);
        bool ToComplete(int i) => checks[i].State == OperationState.Missing
            || (checks[i].State == OperationState.CannotBeVerified && i > lastPresent);
        var writer = new OfflineScriptWriter(graph, dialect, options, time);

        var completeNotes = checks.Where(c => c.State == OperationState.CannotBeVerified)
            .Select(c => $"Cannot be verified: {c} ({(c.Number - 1 > lastPresent
                ? "after the last change that is there, so it is run here"
                : "before a change that is there, so it is taken to have run and is not run again")}).");
        var complete = await writer.CompletePartAsync(step, transactional, [.. operations.Where((_, i) => ToComplete(i))],
            [$"Runs only the statements of {step.Revision.Id} whose changes are missing, then records {step.Revision.Id}.", .. completeNotes],
            live, checksum, cancellationToken).ConfigureAwait(false);

        var applied = operations.Select((o, i) => (Operation: o, Check: checks[i])).Where(a => a.Check.State == OperationState.Present).ToList();
        var undoable = applied.FirstOrDefault(a => Inverse(a.Operation, live) is null);
        if (undoable.Operation is not null)
            return new PartialRevision(step.Revision.Id, step.VersionsBefore, checks, complete, null,
                $"statement {undoable.Check} cannot be undone from the schema alone (what it dropped or changed is gone): complete the revision, " +
                $"or restore the backup");
        // A table the revision created is dropped whole: what was later done to it in the same revision goes with it.
        var created = applied.Select(a => a.Operation).OfType<CreateTable>().Select(c => c.Definition.Name).ToHashSet(
            StringComparer.OrdinalIgnoreCase);
        var inverse = applied.AsEnumerable().Reverse()
            .Where(a => a.Operation is not TableOperation change || !created.Contains(change.Table))
            .Select(a => Inverse(a.Operation, live)!).ToList();
        var undoNotes = checks.Where((c, i) => c.State == OperationState.CannotBeVerified && i < lastPresent)
            .Select(c => $"Cannot be verified and not undone: {c} (it most likely ran; undo what it did by hand if that matters).");
        var undo = await writer.UndoPartAsync(step, transactional, inverse,
            [$"Undoes the statements of {step.Revision.Id} whose changes are there, newest first; " +
                $"the version record keeps {string.Join(",", step.VersionsBefore)}.", .. undoNotes],
            live, cancellationToken).ConfigureAwait(false);
        return new PartialRevision(step.Revision.Id, step.VersionsBefore, checks, complete, undo, null);
    }

    private static SchemaSnapshot? SchemaAt(ChainReplay replay, string revision) =>
        replay.Schemas.LastOrDefault(s => s.Versions is [var only] && only == revision)?.Schema;

    private OperationState StateOf(MigrationOperation operation, SchemaSnapshot live, SchemaSnapshot before, SchemaSnapshot after)
    {
        TableDefinition? Table(string name) => live.FindTable(name);
        return operation switch
        {
            CreateTable create => Is(Table(create.Definition.Name) is not null),
            DropTable drop => Is(Table(drop.Table) is null),
            RenameTable rename => Is(Table(rename.NewName) is not null && Table(rename.Table) is null),
            AddColumn add => Is(Table(add.Table)?.FindColumn(add.Column.Name) is not null),
            DropColumn drop => Is(Table(drop.Table) is { } t && t.FindColumn(drop.Column) is null),
            RenameColumn rename => Is(
                Table(rename.Table) is { } t && t.FindColumn(rename.NewName) is not null && t.FindColumn(rename.Column) is null),
            CreateIndex create => Is(Table(create.Index.Table) is { } t
                && (LiveIndex(t, create.Index) is not null || (create.Index.Unique && LiveUnique(t, create.Index.Columns) is not null))),
            DropIndex drop => Is(Table(drop.Table) is { } t && !t.Indexes.Any(i => Same(i.Name, drop.Name))),
            AddForeignKey add => Is(Table(add.Table) is { } t && LiveForeignKey(t, add.ForeignKey) is not null),
            DropForeignKey drop => Is(Table(drop.Table) is { } t && !t.ForeignKeys.Any(k => Same(k.Name, drop.Name))),
            AddUniqueConstraint add => Is(Table(add.Table) is { } t
                && (LiveUnique(t, add.Constraint.Columns) is not null || LiveUniqueIndex(t, add.Constraint.Columns) is not null)),
            DropUniqueConstraint drop => Is(
                Table(drop.Table) is { } t && !t.UniqueConstraints.Any(u => Same(u.Name, drop.Name)) && !t.Indexes.Any(i => Same(i.Name, drop.Name))),
            AddCheckConstraint add => Is(Table(add.Table) is { } t && t.CheckConstraints.Any(c => Same(c.Name, add.Constraint.Name))),
            DropCheckConstraint drop => Is(Table(drop.Table) is { } t && !t.CheckConstraints.Any(c => Same(c.Name, drop.Name))),
            AlterColumn alter => AlterState(alter, live, before, after),
            // Validated is what the schema reader says of the constraint (always so on SQLite, which checks rows as it adds one).
            ValidateConstraint validate => Is(Table(validate.Table) is { } t
                && (t.ForeignKeys.Any(k => Same(k.Name, validate.Name) && !k.NotValid)
                    || t.CheckConstraints.Any(c => Same(c.Name, validate.Name) && !c.NotValid))),
            _ => OperationState.CannotBeVerified,
        };
    }

    /// <summary>An altered column is there when it looks as the revision leaves it; when the change is not visible in a
    /// schema, it cannot be verified.</summary>
    private OperationState AlterState(AlterColumn alter, SchemaSnapshot live, SchemaSnapshot before, SchemaSnapshot after)
    {
        var was = before.FindTable(alter.Table)?.FindColumn(alter.Column);
        var becomes = after.FindTable(alter.Table)?.FindColumn(alter.Column);
        var now = live.FindTable(alter.Table)?.FindColumn(alter.Column);
        if (was is null || becomes is null || now is null || Shape(was) == Shape(becomes))
            return OperationState.CannotBeVerified;
        return Is(Shape(now) == Shape(becomes));
    }

    private (string Family, bool Nullable, string? Default) Shape(ColumnDefinition column) => (
        dialect.TypeFamily(column.Type), column.Nullable, column.Default?.ToString());

    /// <summary>The statement that takes an applied statement back, named as the live schema names it; null when the
    /// schema alone cannot tell.</summary>
    private static MigrationOperation? Inverse(MigrationOperation operation, SchemaSnapshot live) => operation switch
    {
        CreateTable create => new DropTable(create.Definition.Name),
        RenameTable rename => new RenameTable(rename.NewName, rename.Table),
        AddColumn add => new DropColumn(add.Table, add.Column.Name),
        RenameColumn rename => new RenameColumn(rename.Table, rename.NewName, rename.Column),
        CreateIndex create when live.FindTable(create.Index.Table) is { } t
            && LiveIndex(t, create.Index) is { } index => new DropIndex(create.Index.Table, index.Name),
        AddForeignKey add when live.FindTable(add.Table) is { } t
            && LiveForeignKey(t, add.ForeignKey)?.Name is { } name => new DropForeignKey(add.Table, name),
        AddUniqueConstraint add when live.FindTable(add.Table) is { } t
            && LiveUnique(t, add.Constraint.Columns)?.Name is { } name => new DropUniqueConstraint(add.Table, name),
        AddUniqueConstraint add when live.FindTable(add.Table) is { } t
            && LiveUniqueIndex(t, add.Constraint.Columns) is { } index => new DropIndex(add.Table, index.Name),
        AddCheckConstraint add => new DropCheckConstraint(add.Table, add.Constraint.Name),
        _ => null,
    };

    private static IndexDefinition? LiveIndex(TableDefinition table, IndexDefinition index) =>
        table.Indexes.FirstOrDefault(i => Same(i.Name, index.Name) || (SameColumns(i.Columns, index.Columns) && i.Unique == index.Unique));

    private static ForeignKeyDefinition? LiveForeignKey(TableDefinition table, ForeignKeyDefinition key) =>
        table.ForeignKeys.FirstOrDefault(k => SameColumns(k.Columns, key.Columns) && Same(k.ReferencedTable, key.ReferencedTable));

    private static UniqueConstraintDefinition? LiveUnique(TableDefinition table, IReadOnlyList<string> columns) =>
        table.UniqueConstraints.FirstOrDefault(u => SameColumns(u.Columns, columns));

    private static IndexDefinition? LiveUniqueIndex(TableDefinition table, IReadOnlyList<string> columns) =>
        table.Indexes.FirstOrDefault(i => i.Unique && i.Filter is null && SameColumns(i.Columns, columns));

    private static OperationState Is(bool present) => present ? OperationState.Present : OperationState.Missing;

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool SameColumns(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.SequenceEqual(b, StringComparer.OrdinalIgnoreCase);
}
