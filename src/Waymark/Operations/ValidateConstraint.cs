namespace Waymark.Operations;

/// <summary>
/// Checks the existing rows against a foreign key or check constraint added <c>NOT VALID</c> (PostgreSQL's
/// <c>ALTER TABLE … VALIDATE CONSTRAINT</c>, which lets reads and writes go on while it scans). Fails, naming the
/// constraint, when a row breaks it. SQLite makes no SQL for it: its constraints were checked when they were added.
/// </summary>
public sealed record ValidateConstraint(string Table, string Name) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"validate constraint {Name} on {Table}";
}
