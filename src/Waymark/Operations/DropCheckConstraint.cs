namespace Waymark.Operations;

/// <summary>Drops a check constraint by name.</summary>
public sealed record DropCheckConstraint(string Table, string Name) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"drop check constraint {Name} on {Table}";
}
