using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Accounts.Passwords;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Hosting;

namespace TimeTracker.Accounts;

/// <summary>The signed-in user's own account: reading it, changing the password.</summary>
internal sealed class Profile(AppDatabase database, UserStore users, PasswordPolicy policy, PasswordHashing hashing, RefreshTokenStore refreshTokens, BackgroundWork background)
{
    /// <summary>The user behind an access token; 401 when the account is gone or disabled since it was issued.</summary>
    public async Task<UserAccount> CurrentAsync(long userId, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false) is { IsActive: true } user
            ? user
            : throw new ApiProblemException(401, "Account unavailable", "The account of this access token no longer exists or is disabled.");

    /// <summary>Changes the password after checking the current one; signs out every session and emails a notice.</summary>
    public async Task ChangePasswordAsync(long userId, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var current = validation.Required("currentPassword", currentPassword);
        var secret = validation.NewPassword("newPassword", newPassword, policy);
        validation.ThrowIfInvalid();

        var user = await CurrentAsync(userId, cancellationToken).ConfigureAwait(false);
        if (!hashing.Verify(user.PasswordHash, current).Matches)
            throw new ApiProblemException(403, "Wrong password", "The current password is incorrect.");
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await users.SetPasswordHashAsync(connection, transaction, user.Id, hashing.Hash(secret), cancellationToken).ConfigureAwait(false);
                await refreshTokens.RevokeAllAsync(connection, transaction, user.Id, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        background.Enqueue((services, ct) => services.GetRequiredService<IEmailSender>().SendAsync(AccountMail.PasswordChanged(user.Email, user.Name), ct));
    }
}
