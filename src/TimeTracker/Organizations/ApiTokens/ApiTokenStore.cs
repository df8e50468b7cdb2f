using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Validation;

namespace TimeTracker.Organizations.ApiTokens;

/// <summary>
/// Personal API tokens: a person makes named tokens, each for one organization they belong to with a scope their role
/// allows (<see cref="ApiScope"/>) and an optional expiry, sees the secret once, lists and revokes them. The database
/// keeps the secret's SHA-256 only (the secret is 256 random bits, so a fast hash is enough). Every use reads the token
/// again: a revoked, expired or orphaned token is refused on the next request, and the scope is narrowed to the owner's
/// role as it is at that moment. The last use is written at most once per <see cref="LastUseInterval"/>.
/// </summary>
internal sealed class ApiTokenStore(AppDatabase database, TimeProvider time, ILogger<ApiTokenStore> logger)
{
    /// <summary>What every secret starts with, so that people and secret scanners recognise one.</summary>
    public const string Prefix = "tt_pat_";

    /// <summary>The most tokens a person holds at once (revoked ones do not count), which also bounds their list.</summary>
    public const int MaximumPerPerson = 50;

    /// <summary>The longest name.</summary>
    public const int MaximumNameLength = 100;

    /// <summary>How stale the recorded last use may be: a token used all day costs one write a minute, not one per request.</summary>
    public static readonly TimeSpan LastUseInterval = TimeSpan.FromMinutes(1);

    private const string Columns = "t.id, t.name, t.organization_id, o.name AS organization_name, t.scope, t.created_at, t.last_used_at, " +
        "t.expires_at, m.role";

    /// <summary>Whether <paramref name="credential"/> looks like a personal API token (and not an access token).</summary>
    public static bool IsToken(string? credential) => credential?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>
    /// Makes a token of <paramref name="userId"/> for <paramref name="organizationId"/> (404 unless a member there) with
    /// <paramref name="scope"/> (default <c>read</c>; 403 above the role's widest), expiring at <paramref name="expiresAt"/>
    /// (ISO 8601, in the future) or never.
    /// </summary>
    public async Task<CreatedApiToken> CreateAsync(long userId, string? name, long? organizationId, string? scope, string? expiresAt,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var validation = new RequestValidation();
        var title = validation.Name("name", name, MaximumNameLength);
        var wanted = string.IsNullOrWhiteSpace(scope) ? ApiScope.Read : ApiScope.Parse(scope);
        if (wanted is null)
            validation.Add("scope", $"'scope' must be one of {string.Join(", ", ApiScope.All)}.");
        if (organizationId is null)
            validation.Add("organizationId", "'organizationId' is required: a token works in one organization.");
        var expires = string.IsNullOrWhiteSpace(expiresAt) ? null : PatchDocument.ParseInstant(expiresAt.Trim());
        if (!string.IsNullOrWhiteSpace(expiresAt) && expires is null)
            validation.Add("expiresAt",
                $"'expiresAt' must be a date and time with an offset, e.g. 2027-01-31T00:00:00Z; '{expiresAt}' is not.");
        else if (expires <= now)
            validation.Add("expiresAt", $"'expiresAt' ({expires:O}) has passed; give a time in the future, or leave it out for no expiry.");
        validation.ThrowIfInvalid();

        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            var membership = await OrganizationDirectory.MembershipAsync(session, userId, organizationId!.Value, cancellationToken);
            if (ApiScope.Rank(wanted) > ApiScope.Rank(ApiScope.WidestFor(membership.Role)))
                throw new ForbiddenException("Scope above your role",
                    $"You are {(membership.Role == Role.Admin ? "an" : "a")} {membership.Role} of organization {membership.OrganizationId}, " +
                    "so your " +
                    $"tokens there may have at most the scope '{ApiScope.WidestFor(membership.Role)}'; '{wanted}' needs an admin or owner.");
            var held = Convert.ToInt32(await session.ScalarAsync("SELECT COUNT(*) FROM api_tokens WHERE user_id = @user AND revoked_at IS NULL",
                cancellationToken, ("user", userId)), CultureInfo.InvariantCulture);
            if (held >= MaximumPerPerson)
                throw new ConflictException("Too many tokens",
                    $"You hold {held} API tokens, the most allowed; revoke one you no longer use, then create this one.");
            var id = Convert.ToInt64(await session.ScalarAsync(
                "INSERT INTO api_tokens (user_id, organization_id, name, token_hash, scope, expires_at, created_at) " +
                "VALUES (@user, @org, @name, @hash, @scope, @expires, @now) RETURNING id",
                cancellationToken, ("user", userId), ("org", membership.OrganizationId), ("name", title), ("hash", SecretToken.HashOf(secret)),
                ("scope", wanted), ("expires", expires), ("now", now)), CultureInfo.InvariantCulture);
            await session.CommitAsync(cancellationToken);
            Log.ApiTokenCreated(logger, id, userId, membership.OrganizationId, wanted!);
            return new CreatedApiToken(new ApiToken(id, title, membership.OrganizationId, membership.Name, wanted!, now, null, expires), secret);
        }
    }

    /// <summary>The person's tokens that are not revoked (expired ones included), newest first; at most <see cref="MaximumPerPerson"/>.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(long userId, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            return await session.QueryAsync(
                $"SELECT {Columns} FROM api_tokens t JOIN organizations o ON o.id = t.organization_id " +
                "JOIN memberships m ON m.organization_id = t.organization_id AND m.user_id = t.user_id " +
                "WHERE t.user_id = @user AND t.revoked_at IS NULL ORDER BY t.created_at DESC, t.id DESC LIMIT @limit",
                r => new ApiToken(r.Int64("id"), r.String("name"), r.Int64("organization_id"), r.String("organization_name"),
                    ApiScope.Within(r.String("scope"), r.String("role")), r.Instant("created_at"), r.InstantOrNull("last_used_at"),
                    r.InstantOrNull("expires_at")),
                cancellationToken, ("user", userId), ("limit", MaximumPerPerson));
        }
    }

    /// <summary>Revokes one of the person's tokens: the next request that presents it is refused. 404 for any other.</summary>
    public async Task RevokeAsync(long userId, long tokenId, CancellationToken cancellationToken)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var revoked = await session.ExecuteAsync(
                "UPDATE api_tokens SET revoked_at = @now WHERE id = @id AND user_id = @user AND revoked_at IS NULL",
                cancellationToken, ("now", time.GetUtcNow()), ("id", tokenId), ("user", userId));
            if (revoked == 0)
                throw new NotFoundException("API token", tokenId, $"No API token {tokenId} among yours (it may have been revoked already).");
            Log.ApiTokenRevoked(logger, tokenId, userId);
        }
    }

    /// <summary>
    /// Who <paramref name="secret"/> speaks for, with its scope narrowed to the owner's current role; 401
    /// (<see cref="AuthenticationFailedException"/>) for an unknown, revoked or expired token, or one whose owner left
    /// the organization or whose account is disabled. Records the use when the last recorded one is older than
    /// <see cref="LastUseInterval"/>.
    /// </summary>
    public async Task<ApiTokenUse> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var now = time.GetUtcNow();
        var hash = SecretToken.HashOf(secret);
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var row = await session.QuerySingleOrDefaultAsync(
                "SELECT t.id, t.user_id, t.organization_id, t.token_hash, t.scope, t.expires_at, t.revoked_at, t.last_used_at, m.role " +
                "FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.is_active = @yes " +
                "LEFT JOIN memberships m ON m.organization_id = t.organization_id AND m.user_id = t.user_id WHERE t.token_hash = @hash",
                r => new ApiTokenRow(r.Int64("id"), r.Int64("user_id"), r.Int64("organization_id"), r.String("token_hash"), r.String("scope"),
                    r.InstantOrNull("expires_at"), r.InstantOrNull("revoked_at"), r.InstantOrNull("last_used_at"), r.StringOrNull("role")),
                cancellationToken, ("yes", true), ("hash", hash));
            // The lookup is by the hash; comparing it again in constant time keeps any timing of that lookup out of the answer.
            if (row is not { } token
                || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.Hash), Encoding.ASCII.GetBytes(hash)))
                throw Refused(null,
                    "The API token is not valid: it is unknown, or its account is disabled. Create a token in your account settings.");
            if (token.RevokedAt is not null)
                throw Refused(token.Id, "The API token was revoked. Create a new one in your account settings.");
            if (token.ExpiresAt <= now)
                throw Refused(token.Id, $"The API token expired at {token.ExpiresAt:O}. Create a new one in your account settings.");
            if (token.Role is null)
                throw Refused(token.Id, $"The API token's owner is no longer a member of organization {token.OrganizationId}.");
            if (token.LastUsedAt is not { } last || now - last >= LastUseInterval)
            {
                // Two replicas that both see a stale last use write it once: the second finds it fresh.
                await session.ExecuteAsync(
                    "UPDATE api_tokens SET last_used_at = @now WHERE id = @id AND (last_used_at IS NULL OR last_used_at <= @stale)",
                    cancellationToken, ("now", now), ("id", token.Id), ("stale", now - LastUseInterval));
            }
            return new ApiTokenUse(token.Id, token.UserId, token.OrganizationId, ApiScope.Within(token.Scope, token.Role));
        }
    }

    /// <summary>
    /// Revokes every token <paramref name="userId"/> holds for <paramref name="organizationId"/>, in the transaction that
    /// removes the membership: joining again later does not bring them back.
    /// </summary>
    public static Task<int> RevokeOfMemberAsync(DbSession session, long organizationId, long userId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.ExecuteAsync(
            "UPDATE api_tokens SET revoked_at = @now WHERE organization_id = @org AND user_id = @user AND revoked_at IS NULL",
            cancellationToken, ("now", now), ("org", organizationId), ("user", userId));
    }

    /// <summary>
    /// Narrows the tokens <paramref name="userId"/> holds for <paramref name="organizationId"/> to what <paramref name="role"/>
    /// allows, in the transaction that changes the role: a later promotion does not widen them again.
    /// </summary>
    public static Task<int> NarrowToRoleAsync(DbSession session, long organizationId, long userId, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var widest = ApiScope.WidestFor(role);
        var wider = ApiScope.All.Where(s => ApiScope.Rank(s) > ApiScope.Rank(widest)).ToList();
        return wider.Count == 0
            ? Task.FromResult(0)
            : session.ExecuteAsync(
                $"UPDATE api_tokens SET scope = @widest WHERE organization_id = @org AND user_id = @user " +
                $"AND scope IN ({string.Join(", ", wider.Select((_, i) => $"@s{i}"))})",
                cancellationToken, [("widest", widest), ("org", organizationId), ("user", userId), .. wider.Select((s, i) => ($"s{i}", (object?)s))]);
    }

    private AuthenticationFailedException Refused(long? tokenId, string detail)
    {
        Log.ApiTokenRefused(logger, tokenId, detail);
        return new AuthenticationFailedException("Invalid API token", detail);
    }
}
