using Waymark.Operations;

namespace Waymark.Dialects;

/// <summary>
/// Turns operations into SQL for one database. A dialect never touches a connection; its differences
/// from others are capabilities, not type checks.
/// </summary>
public interface ISqlDialect
{
    /// <summary>The dialect's name, as per-dialect SQL is keyed (<c>sqlite</c>, <c>postgres</c>).</summary>
    string Name { get; }

    /// <summary>Whether DDL runs inside transactions, so a failed migration rolls back completely.</summary>
    bool SupportsTransactionalDdl { get; }

    /// <summary>
    /// Whether <paramref name="operation"/> cannot run inside a transaction (PostgreSQL's <c>CREATE INDEX CONCURRENTLY</c>):
    /// a migration that has one runs statement by statement, and its version record moves once all of them succeeded.
    /// </summary>
    bool RunsOutsideTransaction(MigrationOperation operation);

    /// <summary>Whether the dialect makes <paramref name="operation"/> by recreating the table.</summary>
    bool NeedsTableRebuild(MigrationOperation operation);

    /// <summary>
    /// Statements that set a session up for migrations, run outside any transaction (at the start of a run
    /// and of an offline script): e.g. SQLite turns off foreign-key enforcement so table rebuilds keep child rows.
    /// </summary>
    IReadOnlyList<SqlStatement> SessionSetup { get; }

    /// <summary>
    /// Lines for the database's command-line client, written at the top of an offline script, that make the
    /// client stop at the first failing statement (sqlite3 and psql go on by default, and a later
    /// <c>COMMIT</c> would then save half a migration): e.g. <c>.bail on</c>, <c>\set ON_ERROR_STOP on</c>.
    /// </summary>
    IReadOnlyList<string> ScriptClientDirectives { get; }

    /// <summary>
    /// The statements that bound how long a migration's statements wait for locks and run (null: the server's
    /// setting; <see cref="TimeSpan.Zero"/>: no limit). <paramref name="transactionScoped"/> limits them to the
    /// current transaction; otherwise they hold for the session, and nulls put the server's setting back.
    /// Empty where the database has no such settings (SQLite: one writer at a time, no lock queue to bound).
    /// </summary>
    IReadOnlyList<SqlStatement> Timeouts(TimeSpan? lockTimeout, TimeSpan? statementTimeout, bool transactionScoped);

    /// <summary>Quotes a table, column or index name.</summary>
    string QuoteIdentifier(string name);

    /// <summary>Writes a value as an SQL literal (for scripts and defaults).</summary>
    string FormatLiteral(object? value);

    /// <summary>
    /// The family of a column type as this database reports it (<c>text</c>, <c>integer</c>, <c>numeric</c>,
    /// <c>boolean</c>, <c>timestamp</c>, …): two schemas whose columns differ only in spelling within a family
    /// (<c>varchar(255)</c> and <c>text</c>, <c>INT</c> and <c>BIGINT</c>) are equivalent.
    /// </summary>
    string TypeFamily(Schema.ColumnType type);

    /// <summary>The statements that make <paramref name="operation"/>; not called for operations that need a rebuild.</summary>
    IReadOnlyList<SqlStatement> Generate(MigrationOperation operation);

    /// <summary>
    /// For offline scripts, which cannot look first: statements that give <paramref name="table"/>, which exists with all its
    /// columns or without the nullable <paramref name="columns"/>, the ones it lacks, keeping its rows and changing nothing
    /// when it has them all.
    /// </summary>
    IReadOnlyList<SqlStatement> GenerateAddColumnsIfMissing(Schema.TableDefinition table, IReadOnlyList<string> columns);

    /// <summary>The statements that recreate a table with a new definition, keeping its rows.</summary>
    IReadOnlyList<SqlStatement> GenerateRebuild(TableRebuild rebuild);
}
