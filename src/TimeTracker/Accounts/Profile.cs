using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Accounts.Passwords;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Amounts;
using TimeTracker.Background;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Errors;
using TimeTracker.Validation;

namespace TimeTracker.Accounts;

/// <summary>The signed-in user's own account: reading it, changing its settings and password.</summary>
internal sealed class Profile(
    AppDatabase database, UserStore users, PasswordPolicy policy, PasswordHashing hashing, SignIn signIn, SessionRevocation sessions,
        EmailTokenStore tokens,
    BackgroundWork background, TimeProvider time)
{
    /// <summary>The user behind an access token; 401 when the account is gone or disabled since it was issued.</summary>
    public async Task<UserAccount> CurrentAsync(long userId, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(userId, cancellationToken) is { IsActive: true } user
            ? user
            : throw new AuthenticationFailedException("Account unavailable", "The account of this access token no longer exists or is disabled.");

    /// <summary>Changes the user's name, time zone or default hourly rate; answers the account as it is now.</summary>
    public async Task<UserAccount> UpdateAsync(long userId, JsonElement body, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var patch = new PatchDocument(body, validation, "name", "timeZone", "defaultHourlyRate");
        var name = patch.Has("name") ? validation.Name("name", patch.String("name")) : null;
        var zone = patch.String("timeZone")?.Trim();
        if (patch.Has("timeZone") && (zone is null || zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
            validation.Add("timeZone", $"'timeZone' must be an IANA time zone such as Europe/Paris or America/New_York; '{zone}' is not one.");
        var rate = validation.Rate("defaultHourlyRate", patch.Decimal("defaultHourlyRate"));
        validation.ThrowIfInvalid();

        await CurrentAsync(userId, cancellationToken);
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            // Only the fields the request names are written, each from the request: a value read earlier would
            // put back what a concurrent PATCH of another field had just changed.
            await session.ExecuteAsync(
                "UPDATE users SET name = CASE WHEN @setName THEN @name ELSE name END, timezone = CASE WHEN @setZone THEN @zone ELSE timezone END, " +
                "default_hourly_rate = CASE WHEN @setRate THEN @rate ELSE default_hourly_rate END, updated_at = @now WHERE id = @id",
                cancellationToken,
                ("setName", patch.Has("name")), ("name", name), ("setZone", patch.Has("timeZone")), ("zone", zone),
                ("setRate", patch.Has("defaultHourlyRate")), ("rate", rate), ("now", time.GetUtcNow()), ("id", userId));
        }
        return await CurrentAsync(userId, cancellationToken);
    }

    /// <summary>Ends every session of the signed-in user (sign out everywhere).</summary>
    public async Task EndAllSessionsAsync(long userId, CancellationToken cancellationToken)
    {
        await CurrentAsync(userId, cancellationToken);
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            await sessions.EndAllAsync(session, userId, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Changes the password after checking the current one; ends every session, voids the reset links and emails a notice.</summary>
    public async Task ChangePasswordAsync(
        long userId, string? currentPassword, string? newPassword, ClientInfo client, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var current = validation.Required("currentPassword", currentPassword);
        var user = await CurrentAsync(userId, cancellationToken);
        var secret = validation.NewPassword("newPassword", newPassword, policy, user.Email, user.Name);
        validation.ThrowIfInvalid();

        await signIn.ReconfirmPasswordAsync(user, current, client, cancellationToken);
        var hash = await hashing.HashAsync(secret, cancellationToken);
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            await users.SetPasswordHashAsync(session, user.Id, hash, cancellationToken);
            await sessions.EndAllAsync(session, user.Id, cancellationToken);
            await tokens.RevokeAllAsync(session, EmailTokenKind.PasswordReset, user.Id, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        background.Enqueue(
            (services, ct) => services.GetRequiredService<IEmailSender>().SendAsync(AccountMail.PasswordChanged(user.Email, user.Name), ct));
    }
}
