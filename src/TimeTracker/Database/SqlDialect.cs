using System.Data.Common;
using System.Globalization;

namespace TimeTracker.Database;

/// <summary>
/// What the two databases TimeTracker serves from do differently, as capabilities a statement asks for: the feature
/// code says what it needs (a row held for a change, a claim that skips rows others hold, an instant as stored) and
/// never which database it runs on. <see cref="AppDatabase"/> chooses the dialect once.
/// </summary>
internal sealed class SqlDialect
{
    /// <summary>PostgreSQL: row locks, microsecond instants, <c>jsonb</c>, locale collations.</summary>
    public static SqlDialect Postgres { get; } = new(postgres: true);

    /// <summary>SQLite: one writer at a time (its write lock serializes every change), instants and JSON stored as text.</summary>
    public static SqlDialect Sqlite { get; } = new(postgres: false);

    private readonly bool _postgres;

    private SqlDialect(bool postgres) => _postgres = postgres;

    /// <summary>The dialect of an open connection of either driver (for connections opened outside <see cref="AppDatabase"/>).</summary>
    public static SqlDialect Of(DbConnection connection) => connection is Npgsql.NpgsqlConnection ? Postgres : Sqlite;

    /// <summary>
    /// The clause to end a <c>SELECT</c> with so that the rows read in order to change them stay held until the
    /// transaction ends, and two changes of one row happen one after the other. On PostgreSQL that is
    /// <c>FOR NO KEY UPDATE</c> (rows that refer to it can still be inserted meanwhile); SQLite's write transactions
    /// are serial anyway, so nothing. <paramref name="alias"/> names the one table to lock in a join.
    /// </summary>
    public string LockForChange(string? alias = null) =>
        !_postgres ? "" : alias is null ? " FOR NO KEY UPDATE" : $" FOR NO KEY UPDATE OF {alias}";

    /// <summary>
    /// The clause to end a <c>SELECT</c> with so that the rows read stay held, shared, until the transaction ends: others may hold
    /// them shared too, but a change of them (<see cref="LockForChange"/>) waits, and waits for. SQLite's writes are serial: nothing.
    /// </summary>
    public string HoldShared => _postgres ? " FOR SHARE" : "";

    /// <summary>
    /// The clause that ends a claim (a <c>SELECT</c> of work to take): rows another worker holds are skipped, not
    /// waited for. SQLite has one writer, so there is nothing to skip.
    /// </summary>
    public string ClaimSkippingLocked => _postgres ? " FOR UPDATE SKIP LOCKED" : "";

    /// <summary>
    /// The statement that holds the row of <paramref name="table"/> whose id is <c>@id</c> exclusively (no other
    /// transaction may even key-share it) until the transaction ends; null where the write lock serializes already.
    /// </summary>
    public string? HoldExclusively(string table) => _postgres ? $"SELECT id FROM {table} WHERE id = @id FOR UPDATE" : null;

    /// <summary>The instant as the database gives it back once stored: PostgreSQL keeps microseconds, SQLite all 100-ns ticks.</summary>
    public DateTimeOffset AsStored(DateTimeOffset instant) =>
        _postgres ? new DateTimeOffset(instant.UtcTicks - instant.UtcTicks % 10, TimeSpan.Zero) : instant.ToUniversalTime();

    /// <summary>A JSON column (<c>jsonb</c> on PostgreSQL, text on SQLite) as text, as it was stored.</summary>
    public string JsonAsText(string column) => _postgres ? $"{column}::text" : column;

    /// <summary>
    /// The whole number of <paramref name="seconds"/>-long slots from the Unix epoch to the instant
    /// <paramref name="instant"/> (a column): an integer expression.
    /// </summary>
    public string EpochSlot(string instant, int seconds) => _postgres
        ? string.Create(CultureInfo.InvariantCulture, $"CAST(FLOOR(EXTRACT(EPOCH FROM {instant}) / {seconds}) AS BIGINT)")
        : string.Create(CultureInfo.InvariantCulture, $"CAST(strftime('%s', {instant}) AS INTEGER) / {seconds}");

    /// <summary>
    /// Whether <paramref name="exception"/> says the database ended the transaction as a deadlock's victim
    /// (PostgreSQL's <c>40P01</c>), so that running it again can succeed. SQLite's writers never wait on each other.
    /// </summary>
    public bool IsDeadlockVictim(DbException exception) => _postgres && exception is Npgsql.PostgresException { SqlState: "40P01" };

    /// <summary>
    /// The UTC date on which the instant <paramref name="instant"/> (a column) falls, as the database stores a date:
    /// what the report totals are keyed by (revision 031's triggers compute it the same way).
    /// </summary>
    public string UtcDate(string instant) =>
        _postgres ? $"CAST(({instant} AT TIME ZONE 'UTC') AS date)" : $"COALESCE(date({instant}), substr({instant}, 1, 10))";

    /// <summary>
    /// The sort key of a name (<see cref="NameOrder"/>): <c>upper()</c> folds ASCII letters only on SQLite, and on
    /// PostgreSQL under the C collation, so both fold the same letters and compare by code point.
    /// </summary>
    public string NameKey(string expression) => _postgres ? $"upper({expression} COLLATE \"C\")" : $"upper({expression})";

    /// <summary>Sets <paramref name="value"/> on <paramref name="parameter"/> as this dialect stores it.</summary>
    internal void SetValue(DbParameter parameter, object? value)
    {
        if (value is JsonText && parameter is Npgsql.NpgsqlParameter postgres)
            postgres.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            JsonText json => json.Stored,
            // One text format on SQLite, so that timestamps compare correctly as text.
            DateTimeOffset instant when !_postgres =>
                instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture),
            DateTimeOffset instant => instant.ToUniversalTime(),
            _ => value,
        };
    }
}
