namespace Waymark.Operations;

/// <summary>An operation that changes one existing table's definition.</summary>
public abstract record TableOperation(string Table) : MigrationOperation;
