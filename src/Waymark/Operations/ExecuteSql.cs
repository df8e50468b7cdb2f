namespace Waymark.Operations;

/// <summary>
/// Raw SQL, optionally written differently per dialect. The engine cannot see what it changes, so
/// offline table rebuilds do not account for it.
/// </summary>
/// <param name="Sql">The SQL run where no dialect-specific text is given; null means "skip on other dialects".</param>
/// <param name="PerDialect">SQL by dialect name (<c>sqlite</c>, <c>postgres</c>).</param>
public sealed record ExecuteSql(string? Sql, IReadOnlyDictionary<string, string> PerDialect) : MigrationOperation
{
    /// <summary>The SQL to run on <paramref name="dialect"/>, or null when there is none for it.</summary>
    public string? For(string dialect) => PerDialect.TryGetValue(dialect, out var sql) ? sql : Sql;

    /// <inheritdoc />
    public override string Describe() => "execute sql";
}
