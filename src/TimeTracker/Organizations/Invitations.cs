using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Background;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Errors;
using TimeTracker.Site;
using TimeTracker.Validation;

namespace TimeTracker.Organizations;

/// <summary>
/// Joining an organization: an admin invites an address with a role; the email carries a single-use,
/// expiring token (stored as SHA-256); the person signed in with that address accepts it and becomes a member.
/// Pending invitations hold a seat, so members plus invitations never exceed the subscription's quantity.
/// An invitation lives only as long as its inviter may grant its role: removing or demoting the inviter revokes it,
/// and acceptance checks again.
/// </summary>
internal sealed class Invitations(
    AppDatabase database, OrganizationDirectory organizations, AuditLog audit, InvitationLimits limits, BackgroundWork background,
    IOptions<OrganizationOptions> options, IOptions<SiteOptions> site, TimeProvider time, ILogger<Invitations> logger)
{
    /// <summary>The SQL condition of an invitation neither accepted nor revoked (it may still have expired).</summary>
    internal const string Pending = "accepted_at IS NULL AND revoked_at IS NULL";

    /// <summary>Invites <paramref name="email"/>; a pending invitation to the same address is replaced.</summary>
    public async Task<Invitation> InviteAsync(
        long userId, long organizationId, string? email, string? role, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var address = validation.Email("email", email);
        var wanted = string.IsNullOrWhiteSpace(role) ? Role.Member : Role.Parse(role);
        if (wanted is null)
            validation.Add("role", $"'role' must be one of {string.Join(", ", Role.All)}.");
        validation.ThrowIfInvalid();
        return await SendAsync(userId, organizationId, "invitation.created", (_, actor) =>
        {
            if (wanted == Role.Owner && actor.Role != Role.Owner)
                throw new ForbiddenException("Owners only", "Only an owner may invite someone as an owner.");
            return Task.FromResult((address, wanted!));
        }, cancellationToken);
    }

    /// <summary>
    /// Sends a pending (or expired) invitation again: a new invitation to the same address with the same role, a fresh
    /// token and expiry, sent by the caller, replaces it, so the old link stops working. It counts against the invitation
    /// limits like any invitation, since it is an email.
    /// </summary>
    public async Task<Invitation> ResendAsync(long userId, long organizationId, long invitationId, CancellationToken cancellationToken) =>
        await SendAsync(userId, organizationId, "invitation.resent", async (session, actor) =>
        {
            var invitation = await FindAsync(session, organizationId, invitationId, cancellationToken);
            if (!Role.MayGrant(actor.Role, invitation.Role))
                throw new ForbiddenException("Owners only", "Only an owner may resend an invitation to become an owner.");
            if (invitation.Accepted)
                throw new ConflictException("Already accepted", $"Invitation {invitationId} was accepted, so there is nothing to resend.");
            if (invitation.Revoked)
                throw new ConflictException("Invitation revoked", $"Invitation {invitationId} was revoked or replaced by a newer one, " +
                    $"so it cannot be resent. Resend the newer one from the pending invitations, or invite the address again.");
            return (invitation.Email, invitation.Role);
        }, cancellationToken);

    /// <summary>
    /// Sends one invitation email, in a transaction that holds the organization: <paramref name="choose"/> decides the
    /// address and role once the caller is known to be an admin; then the limits, membership and seats are checked,
    /// any pending invitation to that address is replaced, and the email goes out after the commit.
    /// </summary>
    private async Task<Invitation> SendAsync(long userId, long organizationId, string action,
        Func<DbSession, Membership, Task<(string Email, string Role)>> choose, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = SecretToken.Create();
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var transaction = await session.BeginAsync(cancellationToken);
            await using (transaction)
            {
                var actor = await LockAsync(session, userId, organizationId, cancellationToken);
                if (Role.Rank(actor.Role) < Role.Rank(Role.Admin))
                    throw new ForbiddenException("Admins only", "Only admins and owners may send invitations.");
                var (address, role) = await choose(session, actor);
                await limits.ThrowIfExhaustedAsync(session, userId, organizationId, cancellationToken);
                var alreadyMember = await session.ScalarAsync(
                    "SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = @org AND u.email = @email",
                    cancellationToken, ("org", organizationId), ("email", address));
                if (alreadyMember is not null)
                    throw new ConflictException("Already a member", $"{address} is already a member of this organization.");
                await session.ExecuteAsync(
                    $"UPDATE invitations SET revoked_at = @now WHERE organization_id = @org AND email = @email AND {Pending}",
                    cancellationToken, ("now", now), ("org", organizationId), ("email", address));
                await SeatCount.ThrowIfFullAsync(session, organizationId, actor.Seats, now, cancellationToken);
                var expires = now + options.Value.InvitationLifetime;
                var id = Convert.ToInt64(await session.ScalarAsync(
                    "INSERT INTO invitations (organization_id, email, role, token_hash, invited_by_id, expires_at, created_at) " +
                    "VALUES (@org, @email, @role, @hash, @by, @expires, @now) RETURNING id",
                    cancellationToken, ("org", organizationId), ("email", address), ("role", role), ("hash", token.Hash), ("by", userId),
                        ("expires", expires), ("now", now)),
                    CultureInfo.InvariantCulture);
                await audit.RecordInvitationAsync(session, userId, action, organizationId, id, address, role, cancellationToken);
                await session.CommitAsync(cancellationToken);
                var message = InvitationEmail.Of(address, actor.Name, role, token.Value, site.Value.BaseUrl, options.Value.InvitationLifetime);
                background.Enqueue((services, ct) => services.GetRequiredService<IEmailSender>().SendAsync(message, ct));
                return new Invitation(id, organizationId, address, role, expires);
            }
        }
    }

    /// <summary>Accepts an invitation for the signed-in user, whose address must be the invited one; answers the new membership.</summary>
    public async Task<Organization> AcceptAsync(long userId, string? token, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var value = validation.Required("token", token);
        validation.ThrowIfInvalid();
        var now = time.GetUtcNow();
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var transaction = await session.BeginAsync(cancellationToken);
            await using (transaction)
            {
                // Marked used first: of two requests with one token, exactly one gets the row. Any refusal below rolls it back.
                var invitation = await session.QuerySingleOrDefaultAsync(
                    $"UPDATE invitations SET accepted_at = @now WHERE token_hash = @hash AND {Pending} AND expires_at > @now " +
                    "RETURNING id, organization_id, email, role, invited_by_id",
                    r => (Id: r.Int64("id"), OrganizationId: r.Int64("organization_id"), Email: r.String("email"), Role: r.String("role"),
                        InvitedById: r.Int64OrNull("invited_by_id")),
                    cancellationToken, ("now", now), ("hash", SecretToken.HashOf(value)));
                if (invitation == default)
                    throw new InvalidRequestException("Invalid invitation",
                        "The invitation link is unknown, expired, replaced by a newer one, revoked, or already used. Ask for a new invitation.");
                var user = await UserStore.FindByIdAsync(session, userId, cancellationToken);
                if (user is null || !string.Equals(user.Email, invitation.Email, StringComparison.Ordinal))
                    throw new ForbiddenException("Invitation for another address",
                        "This invitation was sent to another email address. Sign in (or sign up) with the address it was sent to, then accept it.");
                // Revocation follows the inviter's removal or demotion; this covers what it cannot (a deleted account,
                // an invitation sent before that rule). The refusal is committed, so the link is dead for good.
                var grantor = invitation.InvitedById is { } inviterId
                    ? await session.ScalarAsync("SELECT role FROM memberships WHERE organization_id = @org AND user_id = @user",
                        cancellationToken, ("org", invitation.OrganizationId), ("user", inviterId)) as string
                    : null;
                if (grantor is null || !Role.MayGrant(grantor, invitation.Role))
                {
                    await session.ExecuteAsync("UPDATE invitations SET accepted_at = NULL, revoked_at = @now WHERE id = @id",
                        cancellationToken, ("now", now), ("id", invitation.Id));
                    await audit.RecordInvitationAsync(session, userId, "invitation.refused", invitation.OrganizationId, invitation.Id,
                        invitation.Email, invitation.Role, cancellationToken);
                    await session.CommitAsync(cancellationToken);
                    Log.InvitationInviterLapsed(logger, invitation.Id, invitation.OrganizationId, invitation.InvitedById, invitation.Role, userId);
                    throw new ConflictException("Invitation no longer valid",
                        $"Whoever sent this invitation may no longer make anyone {(invitation.Role == Role.Member ? "a" : "an")} {invitation.Role} " +
                        $"of this organization, so it was revoked. Ask one of its admins for a new invitation.");
                }
                var organization = await session.QuerySingleOrDefaultAsync(
                    "SELECT name, slug, stripe_subscription_status, trial_ends_at, subscription_quantity FROM organizations WHERE id = @org",
                    r => new Membership(
                        invitation.OrganizationId, r.String("name"), r.String("slug"), invitation.Role, r.StringOrNull("stripe_subscription_status"),
                        r.InstantOrNull("trial_ends_at"), r.Int32OrNull("subscription_quantity")),
                    cancellationToken, ("org", invitation.OrganizationId));
                // The invitation's row cascades with its organization, so the organization is there.
                if (organization!.IsReadOnly(now))
                    throw FrozenByBilling();
                try
                {
                    await session.ExecuteAsync(
                        "INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (@org, @user, @role, @now)",
                        cancellationToken, ("org", invitation.OrganizationId), ("user", userId), ("role", invitation.Role), ("now", now));
                }
                catch (DbException ex) when (ConstraintViolation.IsUnique(ex))
                {
                    throw new ConflictException("Already a member", "You are already a member of this organization.");
                }
                await audit.RecordAsync(
                    session, userId, "membership.created", invitation.OrganizationId, userId, invitation.Role, null, cancellationToken);
                await audit.RecordInvitationAsync(session, userId, "invitation.accepted", invitation.OrganizationId, invitation.Id, invitation.Email,
                    invitation.Role, cancellationToken);
                await session.CommitAsync(cancellationToken);
                return organizations.Describe(organization);
            }
        }
    }

    /// <summary>The organization's pending invitations, newest first (admins and owners).</summary>
    public async Task<IReadOnlyList<PendingInvitation>> ListAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var membership = await OrganizationDirectory.MembershipAsync(session, userId, organizationId, cancellationToken);
            if (Role.Rank(membership.Role) < Role.Rank(Role.Admin))
                throw new ForbiddenException("Admins only", "Only admins and owners may see the pending invitations.");
            return await session.QueryAsync(
                "SELECT i.id, i.email, i.role, i.invited_by_id, u.email AS invited_by_email, i.created_at, i.expires_at FROM invitations i LEFT " +
                "JOIN users u ON u.id = i.invited_by_id " +
                "WHERE i.organization_id = @org AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > @now ORDER BY i.created_at " +
                "DESC, i.id DESC",
                r => new PendingInvitation(
                    r.Int64("id"), r.String("email"), r.String("role"), r.Int64OrNull("invited_by_id"), r.StringOrNull("invited_by_email"),
                    r.Instant("created_at"), r.Instant("expires_at")),
                cancellationToken, ("org", organizationId), ("now", time.GetUtcNow()));
        }
    }

    /// <summary>
    /// Revokes an invitation (admins; owners for owner invitations), even while billing freezes other changes, since
    /// it only takes access away. Revoking one already revoked or expired changes nothing; an accepted one is a 409.
    /// </summary>
    public async Task RevokeAsync(long userId, long organizationId, long invitationId, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var transaction = await session.BeginAsync(cancellationToken);
            await using (transaction)
            {
                var actor = await HoldAsync(session, userId, organizationId, cancellationToken);
                if (Role.Rank(actor.Role) < Role.Rank(Role.Admin))
                    throw new ForbiddenException("Admins only", "Only admins and owners may revoke invitations.");
                var invitation = await FindAsync(session, organizationId, invitationId, cancellationToken);
                if (!Role.MayGrant(actor.Role, invitation.Role))
                    throw new ForbiddenException("Owners only", "Only an owner may revoke an invitation to become an owner.");
                if (invitation.Accepted)
                    throw new ConflictException("Already accepted", $"Invitation {invitationId} was accepted; " +
                        $"remove the member instead (DELETE /api/v1/orgs/{organizationId}/members/{{userId}}).");
                if (invitation.Revoked)
                    return;
                await session.ExecuteAsync("UPDATE invitations SET revoked_at = @now WHERE id = @id",
                    cancellationToken, ("now", time.GetUtcNow()), ("id", invitationId));
                await audit.RecordInvitationAsync(
                    session, userId, "invitation.revoked", organizationId, invitationId, invitation.Email, invitation.Role, cancellationToken);
                await session.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Revokes, inside a membership change's transaction, the pending invitations <paramref name="inviterId"/> sent
    /// with a role they may no longer grant: all of them once <paramref name="remainingRole"/> is null (removed, left).
    /// </summary>
    public async Task RevokeSentAsync(
        DbSession session, long actorId, long organizationId, long inviterId, string? remainingRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var lapsed = Role.All.Where(r => remainingRole is null || !Role.MayGrant(remainingRole, r)).ToList();
        if (lapsed.Count == 0)
            return;
        var revoked = await session.QueryAsync(
            $"UPDATE invitations SET revoked_at = @now WHERE organization_id = @org AND invited_by_id = @inviter AND {Pending} " +
            $"AND role IN ({string.Join(", ", lapsed.Select((_, i) => $"@r{i}"))}) RETURNING id, email, role",
            r => (Id: r.Int64("id"), Email: r.String("email"), Role: r.String("role")), cancellationToken,
            [("now", time.GetUtcNow()), ("org", organizationId), ("inviter", inviterId), .. lapsed.Select((role, i) => ($"r{i}", (object?)role))]);
        foreach (var invitation in revoked)
            await audit.RecordInvitationAsync(
                session, actorId, "invitation.revoked", organizationId, invitation.Id, invitation.Email, invitation.Role, cancellationToken);
    }

    /// <summary>The organization in a transaction that holds it (a row lock on PostgreSQL), for one change; 404 and 402
    /// as members see them.</summary>
    public async Task<Membership> LockAsync(DbSession session, long userId, long organizationId, CancellationToken cancellationToken)
    {
        var membership = await HoldAsync(session, userId, organizationId, cancellationToken);
        return membership.IsReadOnly(time.GetUtcNow()) ? throw FrozenByBilling() : membership;
    }

    /// <summary>The 402 of an organization whose membership changes wait for billing.</summary>
    public static PaymentRequiredException FrozenByBilling() => new("Billing needs attention",
        "The organization's subscription is canceled or its trial has ended, so membership changes are frozen until billing is fixed.");

    // An invitation of the organization whatever its state, or 404.
    private static async Task<(string Email, string Role, bool Accepted, bool Revoked)> FindAsync(
        DbSession session, long organizationId, long invitationId, CancellationToken cancellationToken)
    {
        var invitation = await session.QuerySingleOrDefaultAsync(
            "SELECT email, role, accepted_at IS NOT NULL AS accepted, revoked_at IS NOT NULL AS revoked FROM invitations WHERE id = @id " +
            "AND organization_id = @org",
            r => (Email: r.String("email"), Role: r.String("role"), Accepted: r.Boolean("accepted"), Revoked: r.Boolean("revoked")),
            cancellationToken, ("id", invitationId), ("org", organizationId));
        return invitation == default
            ? throw new NotFoundException("Invitation", invitationId, $"No invitation {invitationId} in organization {organizationId}.")
            : invitation;
    }

    private static async Task<Membership> HoldAsync(DbSession session, long userId, long organizationId, CancellationToken cancellationToken)
    {
        // Held whole (not key-shared) while one membership change decides: SQLite's write lock serializes them anyway.
        await session.HoldExclusivelyAsync("organizations", organizationId, cancellationToken);
        return await OrganizationDirectory.MembershipAsync(session, userId, organizationId, cancellationToken);
    }
}
