namespace Waymark.Execution;

/// <summary>A session that holds a lock a migration waited for.</summary>
/// <param name="ProcessId">The database's id of the session (PostgreSQL's backend pid).</param>
/// <param name="Session">Who it is: application, user, state (e.g. <c>idle in transaction</c>).</param>
/// <param name="Query">Its current or, when idle, last statement.</param>
/// <param name="Tables">The tables it holds locks on.</param>
public sealed record LockHolder(int ProcessId, string Session, string Query, IReadOnlyList<string> Tables)
{
    /// <inheritdoc />
    public override string ToString() => $"server process {ProcessId} ({Session}) holding {string.Join(", ", Tables)}: {Query}";
}
