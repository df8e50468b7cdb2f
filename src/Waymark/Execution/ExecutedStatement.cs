using Waymark.Dialects;
using Waymark.Operations;
using Waymark.Planning;

namespace Waymark.Execution;

/// <summary>One statement a step ran.</summary>
/// <param name="Step">The step.</param>
/// <param name="Operation">The operation it makes, or null for a table rebuild that folds several.</param>
/// <param name="Index">Its place among the step's statements, from 1.</param>
/// <param name="Statement">The statement.</param>
/// <param name="EndsUnit">Whether it is the last statement of its operation (or rebuild).</param>
internal sealed record ExecutedStatement(MigrationStep Step, MigrationOperation? Operation, int Index, SqlStatement Statement, bool EndsUnit);
