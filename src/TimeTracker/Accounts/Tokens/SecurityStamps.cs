using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TimeTracker.Database;

namespace TimeTracker.Accounts.Tokens;

/// <summary>
/// Whether an access token still speaks for its user. Every access token carries the user's
/// <c>users.security_stamp</c> as it was when the token was issued; a change of password, a reset, signing out
/// everywhere or turning TOTP on or off bumps the stamp (<see cref="SessionRevocation"/>), and a token with an older
/// stamp, or of an account that is disabled or gone, is refused. Each replica remembers a user's stamp for at most
/// <see cref="MaxAge"/>, so such a token stops working on every replica within that time, while a request costs no
/// database round trip beyond one per user every <see cref="MaxAge"/>.
/// </summary>
internal sealed class SecurityStamps(AppDatabase database, TimeProvider time, ILogger<SecurityStamps> logger)
{
    /// <summary>The claim of an access token that carries the stamp.</summary>
    public const string ClaimType = "stamp";

    /// <summary>How long a replica trusts a stamp it read: the longest an ended session's access token keeps working.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private long _nextSweepTicks;

    /// <summary>Whether <paramref name="stamp"/> is the current stamp of <paramref name="userId"/>, an active user.</summary>
    public async ValueTask<bool> IsCurrentAsync(long userId, int stamp, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Stamps only grow: a token newer than what this replica remembers means the memory is stale, not the token.
        if (!_entries.TryGetValue(userId, out var entry) || now - entry.ReadAt >= MaxAge || entry.Stamp < stamp)
        {
            entry = new Entry(now, await ReadAsync(userId, cancellationToken));
            _entries[userId] = entry;
            Sweep(now);
        }
        if (entry.Stamp == stamp)
            return true;
        Log.AccessTokenStampRefused(logger, userId, stamp, entry.Stamp);
        return false;
    }

    private async Task<int?> ReadAsync(long userId, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var value = await session.ScalarAsync("SELECT security_stamp FROM users WHERE id = @id AND is_active = @yes",
                cancellationToken, ("id", userId), ("yes", true));
            return value is null ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
        }
    }

    // Forgets the users who stopped sending requests, at most once per MaxAge, so the memory stays the size of the active users.
    private void Sweep(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + MaxAge).UtcTicks, due) != due)
            return;
        foreach (var (userId, entry) in _entries)
        {
            if (now - entry.ReadAt >= MaxAge)
                _entries.TryRemove(new KeyValuePair<long, Entry>(userId, entry));
        }
    }

    private readonly record struct Entry(DateTimeOffset ReadAt, int? Stamp);
}
