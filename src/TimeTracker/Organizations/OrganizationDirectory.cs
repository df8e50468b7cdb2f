using System.Data.Common;
using System.Globalization;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Validation;

namespace TimeTracker.Organizations;

/// <summary>
/// Organizations as their members see them. Every lookup goes through the caller's membership: an
/// organization the caller does not belong to is "not found", never "forbidden", so its existence stays hidden.
/// </summary>
internal sealed class OrganizationDirectory(AppDatabase database, AuditLog audit, TimeProvider time)
{
    private const string MembershipColumns = "o.id, o.name, o.slug, m.role, o.stripe_subscription_status, o.trial_ends_at, o.subscription_quantity";

    /// <summary>Creates an organization with the caller as its owner; the slug is derived from the name unless given.</summary>
    public async Task<Organization> CreateAsync(long userId, string? name, string? slug, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var title = validation.Name("name", name);
        var requested = slug?.Trim();
        if (requested is { Length: > 0 } && !Slug.IsValid(requested))
            validation.Add("slug", $"'slug' must be lower-case letters and digits in words joined by single hyphens, " +
                $"at most {Slug.MaximumLength} characters (e.g. 'acme-design').");
        validation.ThrowIfInvalid();

        var now = time.GetUtcNow();
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var candidates = requested is { Length: > 0 } ? [requested] : DerivedSlugs(Slug.From(title));
            foreach (var candidate in candidates)
            {
                await session.BeginAsync(cancellationToken);
                long id;
                try
                {
                    id = Convert.ToInt64(await session.ScalarAsync(
                        "INSERT INTO organizations (name, slug, created_at, updated_at) VALUES (@name, @slug, @now, @now) RETURNING id",
                        cancellationToken, ("name", title), ("slug", candidate), ("now", now)), CultureInfo.InvariantCulture);
                }
                catch (DbException ex) when (ConstraintViolation.IsUnique(ex))
                {
                    await session.RollbackAsync(cancellationToken);
                    continue;
                }
                await session.ExecuteAsync("INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (@org, @user, @role, @now)",
                    cancellationToken, ("org", id), ("user", userId), ("role", Role.Owner), ("now", now));
                await audit.RecordAsync(session, userId, "membership.created", id, userId, Role.Owner, null, cancellationToken);
                await session.CommitAsync(cancellationToken);
                return Describe(new Membership(id, title, candidate, Role.Owner, null, null));
            }
            throw new ConflictException("Slug taken", requested is { Length: > 0 }
                ? $"The slug '{requested}' is already used by another organization. Choose another, " +
                    $"or leave 'slug' out to derive a free one from the name."
                : $"No free slug could be derived from '{title}'. Give one in 'slug'.");
        }
    }

    /// <summary>The caller's organizations with the caller's role, by name.</summary>
    public async Task<IReadOnlyList<Organization>> ListAsync(long userId, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var rows = await session.QueryAsync(
                $"SELECT {MembershipColumns} FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = @user ORDER " +
                $"BY o.name, o.id",
                ReadMembership, cancellationToken, ("user", userId));
            return [.. rows.Select(Describe)];
        }
    }

    /// <summary>One of the caller's organizations; 404 when the caller is not a member (whether or not it exists).</summary>
    public static async Task<Membership> MembershipAsync(DbSession session, long userId, long organizationId, CancellationToken cancellationToken) =>
        await session.QuerySingleOrDefaultAsync(
            $"SELECT {MembershipColumns} FROM memberships m JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = @user AND o.id = @org",
            ReadMembership, cancellationToken, ("user", userId), ("org", organizationId))
        ?? throw NotFound(organizationId);

    /// <summary><see cref="MembershipAsync(DbSession, long, long, CancellationToken)"/> in a session of its own, as the API answers it.</summary>
    public async Task<Organization> GetAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
            return Describe(await MembershipAsync(session, userId, organizationId, cancellationToken));
    }

    /// <summary>Renames the organization (owners only); the slug stays, since links use it.</summary>
    public async Task<Organization> RenameAsync(long userId, long organizationId, string? name, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var title = validation.Name("name", name);
        validation.ThrowIfInvalid();
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var membership = await MembershipAsync(session, userId, organizationId, cancellationToken);
            RequireOwner(membership, "rename");
            await session.ExecuteAsync("UPDATE organizations SET name = @name, updated_at = @now WHERE id = @id", cancellationToken,
                ("name", title), ("now", time.GetUtcNow()), ("id", organizationId));
            return Describe(membership with { Name = title });
        }
    }

    /// <summary>Deletes the organization and its memberships (owners only).</summary>
    public async Task DeleteAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            var membership = await MembershipAsync(session, userId, organizationId, cancellationToken);
            RequireOwner(membership, "delete");
            await audit.RecordAsync(session, userId, "organization.deleted", organizationId, userId, null, membership.Role, cancellationToken);
            await session.ExecuteAsync("DELETE FROM memberships WHERE organization_id = @id", cancellationToken, ("id", organizationId));
            await session.ExecuteAsync("DELETE FROM organizations WHERE id = @id", cancellationToken, ("id", organizationId));
            await session.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The answer for one membership, with the billing state as of now.</summary>
    public Organization Describe(Membership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        var now = time.GetUtcNow();
        return new Organization(membership.OrganizationId, membership.Name, membership.Slug, membership.Role,
            membership.SubscriptionStatus, membership.BillingWarning(now), membership.IsReadOnly(now));
    }

    /// <summary>The 404 of an organization the caller cannot see.</summary>
    public static NotFoundException NotFound(long organizationId) =>
        new("Organization", organizationId, $"No organization {organizationId} among yours.");

    /// <summary>403 unless the caller is an owner; <paramref name="what"/> completes "Only an owner may … the organization".</summary>
    public static void RequireOwner(Membership membership, string what)
    {
        ArgumentNullException.ThrowIfNull(membership);
        if (membership.Role != Role.Owner)
            throw new ForbiddenException("Owners only",
                $"Only an owner may {what} the organization; you are {(membership.Role == Role.Admin ? "an" : "a")} {membership.Role}.");
    }

    // The slug itself, then with -2, -3, … on collision (a few tries; a given slug is never altered).
    private static IEnumerable<string> DerivedSlugs(string slug) =>
        Enumerable.Range(1, 20).Select(n => n == 1 ? slug : string.Create(CultureInfo.InvariantCulture, $"{slug}-{n}"));

    private static Membership ReadMembership(DbRow r) =>
        new(r.Int64("id"), r.String("name"), r.String("slug"), r.String("role"), r.StringOrNull("stripe_subscription_status"),
            r.InstantOrNull("trial_ends_at"),
            r.Int32OrNull("subscription_quantity"));
}
