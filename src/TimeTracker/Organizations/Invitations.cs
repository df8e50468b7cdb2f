using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Hosting;
using TimeTracker.Organizations.Contracts;

namespace TimeTracker.Organizations;

/// <summary>
/// Joining an organization: an admin invites an address with a role; the email carries a single-use,
/// expiring token (stored as SHA-256); the person signed in with that address accepts it and becomes a member.
/// Pending invitations hold a seat, so members plus invitations never exceed the subscription's quantity.
/// </summary>
internal sealed class Invitations(
    AppDatabase database, OrganizationDirectory organizations, AuditLog audit, BackgroundWork background,
    IOptions<OrganizationOptions> options, IOptions<AccountOptions> accounts, TimeProvider time)
{
    /// <summary>Invites <paramref name="email"/>; a pending invitation to the same address is replaced.</summary>
    public async Task<InvitationResponse> InviteAsync(long userId, long organizationId, string? email, string? role, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var address = validation.Email("email", email);
        var wanted = string.IsNullOrWhiteSpace(role) ? Role.Member : Role.Parse(role);
        if (wanted is null)
            validation.Add("role", $"'role' must be one of {string.Join(", ", Role.All)}.");
        validation.ThrowIfInvalid();

        var now = time.GetUtcNow();
        var token = SecretToken.Create();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var actor = await LockAsync(connection, transaction, userId, organizationId, cancellationToken).ConfigureAwait(false);
                if (Role.Rank(actor.Role) < Role.Rank(Role.Admin))
                    throw new ApiProblemException(403, "Admins only", "Only admins and owners may invite.");
                if (wanted == Role.Owner && actor.Role != Role.Owner)
                    throw new ApiProblemException(403, "Owners only", "Only an owner may invite someone as an owner.");
                var alreadyMember = await connection.ScalarAsync(transaction,
                    "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = @org AND u.email = @email",
                    cancellationToken, ("org", organizationId), ("email", address)).ConfigureAwait(false);
                if (alreadyMember is not null)
                    throw new ApiProblemException(409, "Already a member", $"{address} is already a member of this organization.");
                await connection.ExecuteAsync(transaction,
                    "UPDATE invitations SET revoked_at = @now WHERE organization_id = @org AND email = @email AND accepted_at IS NULL AND revoked_at IS NULL",
                    cancellationToken, ("now", now), ("org", organizationId), ("email", address)).ConfigureAwait(false);
                if (actor.Seats is { } seats)
                {
                    var taken = await SeatCount.TakenAsync(connection, transaction, organizationId, now, cancellationToken).ConfigureAwait(false);
                    if (taken + 1 > seats)
                        throw new ApiProblemException(409, "No seat left",
                            $"The subscription has {seats} seat(s), and members and pending invitations take {taken}. Add seats to the subscription, or remove a member or a pending invitation first.");
                }
                var expires = now + options.Value.InvitationLifetime;
                var id = Convert.ToInt64(await connection.ScalarAsync(transaction,
                    "INSERT INTO invitations (organization_id, email, role, token_hash, invited_by_id, expires_at, created_at) " +
                    "VALUES (@org, @email, @role, @hash, @by, @expires, @now) RETURNING id",
                    cancellationToken, ("org", organizationId), ("email", address), ("role", wanted), ("hash", token.Hash), ("by", userId), ("expires", expires), ("now", now)).ConfigureAwait(false),
                    CultureInfo.InvariantCulture);
                await audit.RecordInvitationAsync(transaction, userId, "invitation.created", organizationId, id, address, wanted!, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                var message = Message(address, actor.Name, wanted!, token.Value);
                background.Enqueue((services, ct) => services.GetRequiredService<IEmailSender>().SendAsync(message, ct));
                return new InvitationResponse(id, organizationId, address, wanted!, expires);
            }
        }
    }

    /// <summary>Accepts an invitation for the signed-in user, whose address must be the invited one; answers the new membership.</summary>
    public async Task<OrganizationResponse> AcceptAsync(long userId, string? token, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var value = validation.Required("token", token);
        validation.ThrowIfInvalid();
        var now = time.GetUtcNow();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Marked used first: of two requests with one token, exactly one gets the row. Any refusal below rolls it back.
                var invitation = await connection.QuerySingleOrDefaultAsync(transaction,
                    "UPDATE invitations SET accepted_at = @now WHERE token_hash = @hash AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > @now " +
                    "RETURNING id, organization_id, email, role",
                    r => (Id: r.GetInt64(0), OrganizationId: r.GetInt64(1), Email: r.GetString(2), Role: r.GetString(3)),
                    cancellationToken, ("now", now), ("hash", SecretToken.HashOf(value))).ConfigureAwait(false);
                if (invitation == default)
                    throw new ApiProblemException(400, "Invalid invitation", "The invitation link is unknown, expired, replaced by a newer one, or already used. Ask for a new invitation.");
                var user = await UserStore.FindByIdAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
                if (user is null || !string.Equals(user.Email, invitation.Email, StringComparison.Ordinal))
                    throw new ApiProblemException(403, "Invitation for another address",
                        "This invitation was sent to another email address. Sign in (or sign up) with the address it was sent to, then accept it.");
                var organization = await connection.QuerySingleOrDefaultAsync(transaction,
                    "SELECT name, slug, stripe_subscription_status, trial_ends_at, subscription_quantity FROM organizations WHERE id = @org",
                    r => new Membership(invitation.OrganizationId, r.GetString(0), r.GetString(1), invitation.Role, r.GetStringOrNull(2), r.GetInstantOrNull(3), r.IsDBNull(4) ? null : r.GetInt32(4)),
                    cancellationToken, ("org", invitation.OrganizationId)).ConfigureAwait(false);
                // The invitation's row cascades with its organization, so the organization is there.
                if (organization!.IsReadOnly(now))
                    throw FrozenByBilling();
                try
                {
                    await connection.ExecuteAsync(transaction, "INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (@org, @user, @role, @now)",
                        cancellationToken, ("org", invitation.OrganizationId), ("user", userId), ("role", invitation.Role), ("now", now)).ConfigureAwait(false);
                }
                catch (DbException ex) when (ConstraintViolation.IsUnique(ex))
                {
                    throw new ApiProblemException(409, "Already a member", "You are already a member of this organization.");
                }
                await audit.RecordAsync(transaction, userId, "membership.created", invitation.OrganizationId, userId, invitation.Role, null, cancellationToken).ConfigureAwait(false);
                await audit.RecordInvitationAsync(transaction, userId, "invitation.accepted", invitation.OrganizationId, invitation.Id, invitation.Email, invitation.Role, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return organizations.Describe(organization);
            }
        }
    }

    /// <summary>The organization in a transaction that holds it (a row lock on PostgreSQL), for one change; 404 and 402 as members see them.</summary>
    public async Task<Membership> LockAsync(DbConnection connection, DbTransaction transaction, long userId, long organizationId, CancellationToken cancellationToken)
    {
        if (database.IsPostgres)
            await connection.ExecuteAsync(transaction, "SELECT id FROM organizations WHERE id = @org FOR UPDATE", cancellationToken, ("org", organizationId)).ConfigureAwait(false);
        var membership = await OrganizationDirectory.MembershipAsync(connection, transaction, userId, organizationId, cancellationToken).ConfigureAwait(false);
        return membership.IsReadOnly(time.GetUtcNow()) ? throw FrozenByBilling() : membership;
    }

    /// <summary>The 402 of an organization whose membership changes wait for billing.</summary>
    public static ApiProblemException FrozenByBilling() => new(402, "Billing needs attention",
        "The organization's subscription is canceled or its trial has ended, so membership changes are frozen until billing is fixed.");

    private EmailMessage Message(string to, string organization, string role, string token)
    {
        var url = accounts.Value.PublicUrl.TrimEnd('/');
        return new EmailMessage(to, $"You are invited to {organization} on TimeTracker",
            $"Hello,\n\nyou are invited to join {organization} on TimeTracker as {(role == Role.Admin || role == Role.Owner ? "an" : "a")} {role}. " +
            $"Accept within {options.Value.InvitationLifetime.TotalDays:0} days:\n\n{url}/accept-invitation?token={Uri.EscapeDataString(token)}\n\n" +
            $"Sign in with this address to accept; if you have no account yet, sign up with it first at {url}/register.\n");
    }
}
