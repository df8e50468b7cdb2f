using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts.Passwords;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Background;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Errors;
using TimeTracker.Validation;

namespace TimeTracker.Accounts;

/// <summary>
/// Sign-up and email verification. Answers never say whether an address already has an account: registering
/// a taken address answers like a new one and emails its owner instead.
/// </summary>
internal sealed class Registration(
    AppDatabase database, UserStore users, PasswordPolicy policy, PasswordHashing hashing, EmailTokenStore tokens, BackgroundWork background,
        IOptions<AccountOptions> options)
{
    /// <summary>The longest display name accepted (the column holds 255).</summary>
    public const int MaximumNameLength = 255;

    /// <summary>Creates the account (unverified) and sends the verification link.</summary>
    public async Task RegisterAsync(string? email, string? password, string? name, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var address = validation.Email("email", email);
        var displayName = validation.Name("name", name, MaximumNameLength);
        var secret = validation.NewPassword("password", password, policy, address, displayName);
        validation.ThrowIfInvalid();

        // Hashed whether or not the address is taken, so both answers take as long.
        var hash = await hashing.HashAsync(secret, cancellationToken);
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            var id = await users.CreateAsync(session, address, displayName, hash, cancellationToken);
            await session.CommitAsync(cancellationToken);
            if (id is { } userId)
                background.Enqueue((services, token) => SendVerificationAsync(services, userId, address, displayName, token));
            else
                background.Enqueue((services, token) => SendAlreadyRegisteredAsync(services, address, token));
        }
    }

    /// <summary>Marks the address verified; a token that is unknown, expired or used is a 400.</summary>
    public async Task VerifyAsync(string? token, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var value = validation.Required("token", token);
        validation.ThrowIfInvalid();
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var transaction = await session.BeginAsync(cancellationToken);
            await using (transaction)
            {
                var consumed = await tokens.ConsumeAsync(session, EmailTokenKind.Verification, value, cancellationToken)
                    ?? throw new InvalidRequestException("Invalid verification token",
                        "The verification link is unknown, expired or already used. Request a new one with POST /api/v1/auth/verify-email/resend.");
                // The link proves the address it was sent to; if the account changed its address since, it proves nothing.
                await session.ExecuteAsync("UPDATE users SET email_verified = @yes WHERE id = @id AND email = @email",
                    cancellationToken, ("yes", true), ("id", consumed.UserId), ("email", consumed.Email));
                await session.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Sends a new link to an unverified account, after the response; answers the same for any address.</summary>
    public void Resend(string? email)
    {
        var validation = new RequestValidation();
        var address = validation.Email("email", email);
        validation.ThrowIfInvalid();
        background.Enqueue(async (services, token) =>
        {
            var user = await services.GetRequiredService<UserStore>().FindByEmailAsync(address, token);
            if (user is { EmailVerified: false, IsActive: true })
                await SendVerificationAsync(services, user.Id, user.Email, user.Name, token);
        });
    }

    private async Task SendVerificationAsync(IServiceProvider services, long userId, string email, string name, CancellationToken cancellationToken)
    {
        string token;
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
            token = await tokens.CreateAsync(
                session, EmailTokenKind.Verification, userId, email, options.Value.VerificationTokenLifetime, cancellationToken);
        var mail = services.GetRequiredService<AccountMail>();
        await services.GetRequiredService<IEmailSender>().SendAsync(mail.Verification(email, name, token), cancellationToken);
    }

    private static async Task SendAlreadyRegisteredAsync(IServiceProvider services, string email, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<UserStore>().FindByEmailAsync(email, cancellationToken) is { } user)
            await services.GetRequiredService<IEmailSender>().SendAsync(
                services.GetRequiredService<AccountMail>().AlreadyRegistered(email, user.Name), cancellationToken);
    }
}
