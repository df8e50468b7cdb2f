using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TimeTracker.Database;

namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// At start, tells <see cref="PasswordHashing"/> which other kinds of password hash the accounts hold (from before a
/// change of algorithm or cost), so that the first refusals already cost one check of each. Resolving the hasher here
/// also makes its first hash at start, so a missing or unusable libsodium stops the start, not the first sign-in.
/// </summary>
internal sealed class PasswordHashKindsAtStart(PasswordHashing hashing, AppDatabase database, ILogger<PasswordHashKindsAtStart> logger)
    : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var session = await database.OpenSessionAsync(cancellationToken);
            await using (session)
            {
                foreach (var hash in await UserStore.PasswordHashesOtherThanAsync(session, hashing.CurrentKind, PasswordHashing.MaxKinds,
                    cancellationToken))
                    hashing.Expect(hash);
            }
        }
        catch (DbException ex)
        {
            // Not a reason to refuse to serve: each kind is then learnt at its first check.
            Log.PasswordHashKindsUnread(logger, ex.Message, ex);
            return;
        }
        if (hashing.Kinds.Count > 1)
            Log.PasswordHashKindsHeld(logger, hashing.Kinds.Count - 1, hashing.CurrentKind, string.Join(", ", hashing.Kinds.Skip(1)));
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
