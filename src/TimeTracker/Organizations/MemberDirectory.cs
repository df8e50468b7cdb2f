using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Paging;
using TimeTracker.Validation;

namespace TimeTracker.Organizations;

/// <summary>
/// The members of an organization: listing them, changing roles, removing and leaving. Admins manage members
/// and admins; only owners touch owners; an organization always keeps at least one owner. Changes are refused
/// while billing has frozen the organization, and every change is audited. A member removed or demoted loses the
/// pending invitations they sent that they may no longer grant, and a member removed loses their API tokens there
/// (a demoted one's are narrowed to the new role), in the same transaction.
/// </summary>
internal sealed class MemberDirectory(AppDatabase database, Invitations invitations, AuditLog audit, TimeProvider time)
{
    private const string Columns = "u.id, u.email, u.name, m.role, m.created_at";

    /// <summary>
    /// A page of the members: owners first, then admins, then members, each by name (<see cref="NameOrder"/>).
    /// The role's rank leads the key, negated so that the whole key ascends.
    /// </summary>
    public async Task<Page<Member>> ListAsync(long userId, long organizationId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            await OrganizationDirectory.MembershipAsync(session, userId, organizationId, cancellationToken);
            var rank = $"CASE m.role WHEN '{Role.Owner}' THEN {Role.Rank(Role.Owner)} WHEN '{Role.Admin}' THEN {Role.Rank(Role.Admin)} " +
                $"WHEN '{Role.Member}' THEN {Role.Rank(Role.Member)} ELSE 0 END";
            var after = page.After is null ? "" : $" AND (-({rank}), {NameOrder.Key(session.Dialect, "u.name")}, u.id) > (-@afterRank, " +
                $"{NameOrder.Key(session.Dialect, "@afterName")}, @afterId)";
            var rows = await session.QueryAsync(
                $"SELECT {Columns} FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = @org{after} " +
                $"ORDER BY {rank} DESC, {NameOrder.OrderBy(session.Dialect, "u.name", "u.id")} LIMIT @limit",
                ReadMember, cancellationToken, [("org", organizationId), .. page.Parameters]);
            return page.PageOf(rows, m => new PageCursor(Role.Rank(m.Role), m.UserId, m.Name));
        }
    }

    /// <summary>The organization's seats as of now (admins and owners: pending invitations are theirs to see).</summary>
    public async Task<Seats> SeatsAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var membership = await OrganizationDirectory.MembershipAsync(session, userId, organizationId, cancellationToken);
            if (Role.Rank(membership.Role) < Role.Rank(Role.Admin))
                throw new ForbiddenException("Admins only", "Only admins and owners may see the organization's seats.");
            return await SeatCount.OfAsync(session, organizationId, membership.Seats, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Gives <paramref name="memberId"/> the role <paramref name="role"/>.</summary>
    public async Task<Member> ChangeRoleAsync(
        long userId, long organizationId, long memberId, string? role, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var wanted = Role.Parse(validation.Required("role", role));
        if (wanted is null && !validation.Failed("role"))
            validation.Add("role", $"'role' must be one of {string.Join(", ", Role.All)}.");
        validation.ThrowIfInvalid();
        return await ChangeAsync(userId, organizationId, memberId, async (session, actor, target, members) =>
        {
            if (Role.Rank(actor.Role) < Role.Rank(Role.Admin))
                throw new ForbiddenException("Admins only", "Only admins and owners may change roles.");
            if ((target.Role == Role.Owner || wanted == Role.Owner) && actor.Role != Role.Owner)
                throw new ForbiddenException("Owners only", "Only an owner may make someone an owner or change an owner's role.");
            if (target.Role == Role.Owner && wanted != Role.Owner && members.Count(m => m.Role == Role.Owner) == 1)
                throw LastOwner();
            if (target.Role == wanted)
                return target;
            await session.ExecuteAsync("UPDATE memberships SET role = @role WHERE organization_id = @org AND user_id = @user",
                cancellationToken, ("role", wanted), ("org", organizationId), ("user", memberId));
            await audit.RecordAsync(session, userId, "membership.role_changed", organizationId, memberId, wanted, target.Role, cancellationToken);
            await invitations.RevokeSentAsync(session, userId, organizationId, memberId, wanted, cancellationToken);
            await ApiTokens.ApiTokenStore.NarrowToRoleAsync(session, organizationId, memberId, wanted!, cancellationToken);
            return target with { Role = wanted! };
        }, cancellationToken);
    }

    /// <summary>Removes <paramref name="memberId"/>; a member removing themself is leaving.</summary>
    public async Task RemoveAsync(long userId, long organizationId, long memberId, CancellationToken cancellationToken) =>
        await ChangeAsync(userId, organizationId, memberId, async (session, actor, target, members) =>
        {
            var leaving = memberId == userId;
            if (!leaving && Role.Rank(actor.Role) < Role.Rank(Role.Admin))
                throw new ForbiddenException("Admins only", "Only admins and owners may remove other members; anyone may leave.");
            if (!leaving && target.Role == Role.Owner && actor.Role != Role.Owner)
                throw new ForbiddenException("Owners only", "Only an owner may remove an owner.");
            if (target.Role == Role.Owner && members.Count(m => m.Role == Role.Owner) == 1)
                throw LastOwner();
            await session.ExecuteAsync("DELETE FROM memberships WHERE organization_id = @org AND user_id = @user",
                cancellationToken, ("org", organizationId), ("user", memberId));
            await audit.RecordAsync(
                session, userId, leaving ? "membership.left" : "membership.removed", organizationId, memberId, null, target.Role, cancellationToken);
            await invitations.RevokeSentAsync(session, userId, organizationId, memberId, null, cancellationToken);
            await ApiTokens.ApiTokenStore.RevokeOfMemberAsync(session, organizationId, memberId, time.GetUtcNow(), cancellationToken);
            return target;
        }, cancellationToken);

    /// <summary>
    /// One membership change in a transaction that holds the organization: on PostgreSQL its row is locked, on
    /// SQLite the write transaction is exclusive, so two changes cannot both remove "the other" last owner.
    /// </summary>
    private async Task<Member> ChangeAsync(long userId, long organizationId, long memberId,
        Func<DbSession, Membership, Member, List<Member>, Task<Member>> change, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var transaction = await session.BeginAsync(cancellationToken);
            await using (transaction)
            {
                var actor = await invitations.LockAsync(session, userId, organizationId, cancellationToken);
                var members = await MembersAsync(session, organizationId, cancellationToken);
                var target = members.FirstOrDefault(m => m.UserId == memberId)
                    ?? throw new NotFoundException("Member", memberId, $"User {memberId} is not a member of this organization.");
                var result = await change(session, actor, target, members);
                await session.CommitAsync(cancellationToken);
                return result;
            }
        }
    }

    private static Task<List<Member>> MembersAsync(DbSession session, long organizationId, CancellationToken cancellationToken) =>
        session.QueryAsync(
            $"SELECT {Columns} FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = @org",
            ReadMember, cancellationToken, ("org", organizationId));

    private static Member ReadMember(DbRow r) =>
        new(r.Int64("id"), r.String("email"), r.String("name"), r.String("role"), r.Instant("created_at"));

    private static ConflictException LastOwner() =>
        new("Last owner", "An organization must keep at least one owner: make another member an owner first, or delete the organization.");
}
