using System.Data.Common;

namespace Waymark.Linting;

/// <summary>What <c>db lint</c> needs from one kind of database: its catalog read mid-transaction, and table sizes read without writing.</summary>
public interface ILintProbe
{
    /// <summary>Whether <see cref="CatalogSnapshot.Locks"/> says which table locks the session holds (false for SQLite).</summary>
    bool SeesLocks { get; }

    /// <summary>Reads the catalog on the replay's connection, inside its transaction (null outside one).</summary>
    Task<CatalogSnapshot> ReadCatalogAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>Starts a transaction in which the database refuses every write (PostgreSQL <c>READ ONLY</c>, SQLite <c>query_only</c>).</summary>
    Task<DbTransaction> BeginReadOnlyAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The size of every user table, read inside <paramref name="transaction"/> (from <see cref="BeginReadOnlyAsync"/>).</summary>
    Task<IReadOnlyList<TableSize>> ReadSizesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
