using Waymark.Diagnosis;

namespace Waymark.Linting;

/// <summary>Every rule of <c>db lint</c> (documented, id by id, in the README's <c>db lint</c> section).</summary>
public static class LintRules
{
    /// <summary>An index built without CONCURRENTLY on a table that already existed.</summary>
    public static readonly LintRule IndexWithoutConcurrently = new("WM101", FindingSeverity.Error,
        "index built without CONCURRENTLY on an existing table (writes wait for the whole build)",
        "CreateIndex(table, columns, concurrently: true), in a revision of its own", LockedWork.IndexBuild);

    /// <summary>An index dropped without CONCURRENTLY.</summary>
    public static readonly LintRule DropIndexWithoutConcurrently = new("WM102", FindingSeverity.Warning,
        "index dropped without CONCURRENTLY (an ACCESS EXCLUSIVE lock queues every query behind the running ones)",
        "DropIndex(table, name, concurrently: true), in a revision of its own", LockedWork.None);

    /// <summary>NOT NULL set on an existing column by a scan of the table under its lock.</summary>
    public static readonly LintRule NotNullByScan = new("WM103", FindingSeverity.Error,
        "NOT NULL added by a full scan under an ACCESS EXCLUSIVE lock",
        "AddCheckConstraint(table, name, \"column IS NOT NULL\", notValid: true); in a later revision ValidateConstraint(table, name), " +
        "then AlterColumn(table, column, nullable: false) (PostgreSQL 12+ uses the validated check instead of a scan) and DropCheckConstraint",
        LockedWork.Scan);

    /// <summary>A foreign key or check added valid to an existing table: every row is checked under the lock.</summary>
    public static readonly LintRule ConstraintWithoutNotValid = new("WM104", FindingSeverity.Error,
        "foreign key or check added without NOT VALID (every row is checked under the lock)",
        "AddForeignKey(..., notValid: true) or AddCheckConstraint(..., notValid: true), then ValidateConstraint(table, name) in a later revision",
        LockedWork.Scan);

    /// <summary>A constraint added NOT VALID and validated in the same transaction, which keeps the stronger lock through the scan.</summary>
    public static readonly LintRule ValidatedInSameTransaction = new("WM105", FindingSeverity.Warning,
        "constraint validated in the same transaction that added it (the add's lock is held through the validation scan)",
        "move ValidateConstraint(table, name) to a later revision", LockedWork.Scan);

    /// <summary>A column's type changed by rewriting the table.</summary>
    public static readonly LintRule TypeChangeRewrite = new("WM106", FindingSeverity.Error,
        "column type change that rewrites the table under an ACCESS EXCLUSIVE lock",
        "AddColumn(table, new column, new type); backfill it in batches (Execute); switch the code to it; DropColumn the old one later",
        LockedWork.Rewrite);

    /// <summary>A column added with a volatile default, which writes it into every row.</summary>
    public static readonly LintRule VolatileDefault = new("WM107", FindingSeverity.Error,
        "column added with a volatile default (now(), random(), …): the table is rewritten under an ACCESS EXCLUSIVE lock",
        "AddColumn(table, column, type) without the default; AlterColumn(table, column, defaultValue: …) for new rows; backfill in batches",
        LockedWork.Rewrite);

    /// <summary>A primary key or unique constraint whose index is built under an exclusive lock.</summary>
    public static readonly LintRule ConstraintIndexUnderLock = new("WM108", FindingSeverity.Error,
        "ADD PRIMARY KEY / UNIQUE builds its index under an ACCESS EXCLUSIVE lock",
        "CreateIndex(table, columns, unique: true, concurrently: true) in a revision of its own, then " +
        "Sql(\"ALTER TABLE t ADD CONSTRAINT name UNIQUE USING INDEX index\") in a later one", LockedWork.IndexBuild);

    /// <summary>A column or table dropped that running code may still read.</summary>
    public static readonly LintRule DropInUse = new("WM109", FindingSeverity.Warning,
        "column or table dropped while the running release may still use it",
        "stop using it in a release first; drop it (DropColumn / DropTable) in a later release", LockedWork.None);

    /// <summary>A column or table renamed under running code.</summary>
    public static readonly LintRule RenameInUse = new("WM110", FindingSeverity.Warning,
        "column or table renamed while the running release still uses the old name",
        "AddColumn with the new name, write both, backfill, switch reads, DropColumn the old one in a later release " +
        "(for a table: a view with the old name until the old release is gone)", LockedWork.None);

    /// <summary>A unique index or NOT NULL that rows of the live database break.</summary>
    public static readonly LintRule BreaksLiveRows = new("WM111", FindingSeverity.Error,
        "unique index or NOT NULL that rows of the live database break (the migration will fail there)",
        "clean the rows first (Execute an UPDATE or DELETE in an earlier revision), or give the column a default", LockedWork.None);

    /// <summary>A migration whose downgrade does nothing.</summary>
    public static readonly LintRule NoDowngrade = new("WM112", FindingSeverity.Warning,
        "migration without a downgrade (it cannot be undone)",
        "write Downgrade with the operations that undo Upgrade, newest first", LockedWork.None);

    /// <summary>A table rebuilt by copying its rows (SQLite's emulated ALTER).</summary>
    public static readonly LintRule TableRebuild = new("WM120", FindingSeverity.Info,
        "table rebuilt by copying every row (SQLite makes this ALTER so); the database is locked for writes meanwhile " +
        "(a warning from LargeTableRows live rows on)",
        "for a large table, run it at a quiet time; AddColumn of a nullable column (or one with a constant default) needs no rebuild",
        LockedWork.Rewrite);

    /// <summary>A rebuild that lost the AUTOINCREMENT of the table's key.</summary>
    public static readonly LintRule LostAutoIncrement = new("WM121", FindingSeverity.Error,
        "table rebuilt without the AUTOINCREMENT of its key (ids of deleted rows will be reused)",
        "declare the key as an identity (t.Id(), or ColumnDefinition Identity: true) in the rebuilt definition; " +
        "let Waymark's operations rebuild the table rather than a hand-written copy", LockedWork.None);

    /// <summary>All rules, by id.</summary>
    public static IReadOnlyList<LintRule> All { get; } =
    [
        IndexWithoutConcurrently, DropIndexWithoutConcurrently, NotNullByScan, ConstraintWithoutNotValid, ValidatedInSameTransaction,
        TypeChangeRewrite, VolatileDefault, ConstraintIndexUnderLock, DropInUse, RenameInUse, BreaksLiveRows, NoDowngrade,
        TableRebuild, LostAutoIncrement,
    ];
}
