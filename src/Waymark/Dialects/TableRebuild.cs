using Waymark.Schema;

namespace Waymark.Dialects;

/// <summary>
/// A table recreated with a new definition and its rows copied over: what a dialect does for a change its
/// ALTER TABLE cannot make.
/// </summary>
/// <param name="From">The table as it is.</param>
/// <param name="To">The table as it must become.</param>
/// <param name="CopiedColumns">For each column of <paramref name="To"/> that takes its values from the old table, the old column's name.</param>
public sealed record TableRebuild(TableDefinition From, TableDefinition To, IReadOnlyDictionary<string, string> CopiedColumns);
