using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// Password hashes through ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, its current
/// iteration count). Checking against an unknown account still costs one hash, so timing does not tell
/// whether an account exists.
/// </summary>
/// <remarks>
/// A hash is about 50 ms of CPU by design. Run on the thread pool, a burst of sign-ins would occupy its few
/// threads, and every other step of every request (the database round trips of the sign-ins themselves
/// included) would queue behind the hashes, once per step. So hashes run on threads of their own, one per
/// core, first come first served, and a request waits for its hash without holding a pool thread.
/// </remarks>
internal sealed class PasswordHashing : IDisposable
{
    private readonly PasswordHasher<UserAccount> _hasher;
    private readonly string _decoy;
    private readonly BlockingCollection<Action> _queue = new(new ConcurrentQueue<Action>());
    private readonly Thread[] _workers;
    private long _storedHashChecks;

    /// <summary>Creates the hasher with Identity's options and starts one hashing thread per core.</summary>
    public PasswordHashing(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<UserAccount>(options);
        _decoy = _hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));
        _workers = [
            .. Enumerable.Range(0, Environment.ProcessorCount).Select(i => new Thread(Work) { IsBackground = true, Name = $"password hashing {i}" })];
        foreach (var worker in _workers)
            worker.Start();
    }

    /// <summary>A new hash of <paramref name="password"/>.</summary>
    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        RunAsync(() => _hasher.HashPassword(null!, password), cancellationToken);

    /// <summary>
    /// How many passwords were checked against a stored hash (the decoy checks of refused sign-ins excluded): what an
    /// attacker guessing passwords gets evaluated, which the lockout bounds.
    /// </summary>
    public long StoredHashChecks => Interlocked.Read(ref _storedHashChecks);

    /// <summary>Whether the password matches, and whether its hash should be replaced with one made with today's parameters.</summary>
    public Task<(bool Matches, bool Rehash)> VerifyAsync(string? hash, string password, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            if (hash is not null)
                Interlocked.Increment(ref _storedHashChecks);
            var result = _hasher.VerifyHashedPassword(null!, hash ?? _decoy, password);
            return hash is null ? (false, false)
                : (result != PasswordVerificationResult.Failed, result == PasswordVerificationResult.SuccessRehashNeeded);
        }, cancellationToken);

    /// <summary>Stops taking work; the hashes already queued still run.</summary>
    public void Dispose() => _queue.CompleteAdding();

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
