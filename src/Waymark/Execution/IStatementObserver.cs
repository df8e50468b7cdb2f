using System.Data.Common;
using Waymark.Planning;

namespace Waymark.Execution;

/// <summary>Watches a run statement by statement (see <see cref="Migrator.Observer"/>).</summary>
internal interface IStatementObserver
{
    /// <summary>Before the step's first statement, inside its transaction (null outside one).</summary>
    Task StepStartingAsync(MigrationStep step, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>After <paramref name="statement"/> ran, before the step commits.</summary>
    Task StatementExecutedAsync(
        ExecutedStatement statement, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken);
}
