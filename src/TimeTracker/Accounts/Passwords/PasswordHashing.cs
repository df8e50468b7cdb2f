using System.Collections.Concurrent;
using System.Text;
using Geralt;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// Password hashes with Argon2id (libsodium's, in the PHC string format <c>$argon2id$v=19$m=…,t=…,p=1$salt$hash</c>),
/// or with ASP.NET Core Identity's PBKDF2 where <see cref="PasswordHashOptions"/> asks for it. Either kind of hash
/// matches whichever is configured; one made otherwise than configured is replaced at its account's next sign-in.
/// A refused check costs one check of every kind of hash the accounts hold (<see cref="PasswordHashKind"/>), whether
/// the account is unknown or its hash is of another kind, so the time of a refusal tells neither.
/// </summary>
/// <remarks>
/// <para>
/// Argon2id is OWASP's first choice for password storage, and its recommended minimum (19 MiB, 2 passes) costs a
/// third to a half of the CPU of Identity's PBKDF2 (100,000 rounds of HMAC-SHA512, itself below OWASP's 210,000) while
/// making each guess cost an attacker 19 MiB of memory as well. A hash is still milliseconds of CPU by design.
/// </para>
/// <para>
/// Run on the thread pool, a burst of sign-ins would occupy its few threads, and every other step of every request
/// (the database round trips of the sign-ins themselves included) would queue behind the hashes, once per step. So
/// hashes run on threads of their own, one per core, first come first served, and a request waits for its hash
/// without holding a pool thread. That also bounds the memory hashing takes: one hash's per core.
/// </para>
/// </remarks>
internal sealed class PasswordHashing : IDisposable
{
    /// <summary>The most kinds of hash a refusal checks; more would let a database of many costs make refusals slow.</summary>
    public const int MaxKinds = 8;

    private readonly PasswordHashOptions _cost;
    private readonly PasswordHasher<UserAccount> _pbkdf2;
    private readonly ILogger<PasswordHashing> _logger;
    private readonly string _currentKind;
    // One hash of each kind the accounts hold (an account's own, for kinds other than the configured one), checked
    // with the password of every refused check.
    private readonly ConcurrentDictionary<string, string> _decoys = new(StringComparer.Ordinal);
    private readonly BlockingCollection<Action> _queue = new(new ConcurrentQueue<Action>());
    private readonly Thread[] _workers;
    private long _storedHashChecks;
    private long _checks;

    /// <summary>
    /// Creates the hasher with the configured algorithm and cost (<paramref name="pbkdf2"/>: Identity's, which also
    /// checks PBKDF2 hashes) and starts one hashing thread per core.
    /// </summary>
    public PasswordHashing(IOptions<PasswordHashOptions> options, IOptions<PasswordHasherOptions> pbkdf2, ILogger<PasswordHashing> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cost = options.Value;
        if (_cost.Problem is { } problem)
            throw new ArgumentException(problem, nameof(options));
        _pbkdf2 = new PasswordHasher<UserAccount>(pbkdf2);
        _logger = logger;
        var decoy = Hash(Guid.NewGuid().ToString("N"));
        _currentKind = PasswordHashKind.Of(decoy);
        _decoys[_currentKind] = decoy;
        _workers = [
            .. Enumerable.Range(0, Environment.ProcessorCount).Select(i => new Thread(Work) { IsBackground = true, Name = $"password hashing {i}" })];
        foreach (var worker in _workers)
            worker.Start();
    }

    /// <summary>A new hash of <paramref name="password"/>.</summary>
    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        RunAsync(() => Hash(password), cancellationToken);

    /// <summary>
    /// How many passwords were checked against a stored hash (the decoy checks of refused sign-ins excluded): what an
    /// attacker guessing passwords gets evaluated, which the lockout bounds.
    /// </summary>
    public long StoredHashChecks => Interlocked.Read(ref _storedHashChecks);

    /// <summary>How many hashes were checked in all, decoys included.</summary>
    public long Checks => Interlocked.Read(ref _checks);

    /// <summary>The kind of the hashes made now (<see cref="PasswordHashKind"/>).</summary>
    public string CurrentKind => _currentKind;

    /// <summary>The kinds of hash refusals check, the configured one first.</summary>
    public IReadOnlyList<string> Kinds => [_currentKind, .. _decoys.Keys.Where(kind => kind != _currentKind).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Makes every refusal from now on also check a hash of <paramref name="storedHash"/>'s kind (at most
    /// <see cref="MaxKinds"/> kinds); each check of a stored hash does the same with its own.
    /// </summary>
    public void Expect(string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        Expect(PasswordHashKind.Of(storedHash), storedHash);
    }

    /// <summary>
    /// Whether the password matches, and whether its hash should be replaced with one made with today's algorithm and
    /// cost. A null <paramref name="hash"/> (no such account) never matches. A refusal also checks the password
    /// against a hash of every other kind expected, so that it costs the same whatever the account.
    /// </summary>
    public Task<(bool Matches, bool Rehash)> VerifyAsync(string? hash, string password, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            var result = (Matches: false, Rehash: false);
            string? own = null;
            if (hash is not null)
            {
                Interlocked.Increment(ref _storedHashChecks);
                if (Verify(hash, password) is { } read)
                {
                    result = read;
                    own = PasswordHashKind.Of(hash);
                    Expect(own, hash);
                }
            }
            if (!result.Matches)
            {
                foreach (var (kind, decoy) in _decoys)
                {
                    if (kind != own && Verify(decoy, password) is null)
                        _decoys.TryRemove(kind, out _);
                }
            }
            return result;
        }, cancellationToken);

    private void Expect(string kind, string storedHash)
    {
        if (kind != PasswordHashKind.Unreadable && _decoys.Count < MaxKinds)
            _decoys.TryAdd(kind, storedHash);
    }

    /// <summary>Stops taking work; the hashes already queued still run.</summary>
    public void Dispose() => _queue.CompleteAdding();

    private string Hash(string password)
    {
        if (_cost.UsesPbkdf2)
            return _pbkdf2.HashPassword(null!, password);
        var encoded = new char[Argon2id.HashSize];
        Argon2id.ComputeHash(encoded, Encoding.UTF8.GetBytes(password), _cost.Iterations, _cost.MemorySize * 1024);
        // libsodium writes a NUL-terminated string into the buffer.
        return new string(encoded.AsSpan().TrimEnd('\0'));
    }

    /// <summary>The check of <paramref name="password"/> against <paramref name="hash"/>; null when the hash is in no format read here.</summary>
    private (bool Matches, bool Rehash)? Verify(string hash, string password)
    {
        Interlocked.Increment(ref _checks);
        try
        {
            return VerifyKnownFormat(hash, password);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // It matches no password, and the refusal then checks every decoy, so it costs what any refusal costs.
            Log.PasswordHashUnreadable(_logger, PasswordHashKind.Of(hash), hash.Length);
            return null;
        }
    }

    private (bool Matches, bool Rehash) VerifyKnownFormat(string hash, string password)
    {
        if (hash.StartsWith(PasswordHashKind.Argon2idPrefix, StringComparison.Ordinal))
            return Argon2id.VerifyHash(hash, Encoding.UTF8.GetBytes(password))
                ? (true, _cost.UsesPbkdf2 || Argon2id.NeedsRehash(hash, _cost.Iterations, _cost.MemorySize * 1024))
                : (false, false);
        // Identity's format: made before Argon2id, or with PBKDF2 configured.
        var result = _pbkdf2.VerifyHashedPassword(null!, hash, password);
        return result == PasswordVerificationResult.Failed ? (false, false)
            : (true, !_cost.UsesPbkdf2 || result == PasswordVerificationResult.SuccessRehashNeeded);
    }

    private Task<T> RunAsync<T>(Func<T> hash, CancellationToken cancellationToken)
    {
        // The rest of the request goes back to the thread pool, not on to the hashing thread.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            // A client that gave up while its hash waited costs nothing more.
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return;
            }
            try
            {
                done.TrySetResult(hash());
            }
#pragma warning disable CA1031 // Whatever the hash threw belongs to the request that asked for it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.TrySetException(ex);
            }
        }, CancellationToken.None);
        return done.Task;
    }

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
            item();
    }
}
