using System.Data.Common;
using System.Text.Json;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Paging;
using TimeTracker.Tracking.Entries;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Tags;

/// <summary>
/// An organization's tags. Entries also create them by naming them (<see cref="EntryTags"/>); here members read
/// them, and admins and owners create, rename and delete them. Names are unique per organization and compared
/// exactly, as entries compare them. Deleting a tag takes it off every entry, unless one of them is locked.
/// </summary>
internal sealed class TagCatalog(AppDatabase database, TimeProvider time)
{
    private const string Columns = "id, name";

    /// <summary>Creates a tag (admins and owners); a name the organization already has is a 409 naming that tag.</summary>
    public async Task<Tag> CreateAsync(long userId, long organizationId, NewTag request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var name = validation.Name("name", request.Name, EntryTags.MaximumLength);
        validation.ThrowIfInvalid();
        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("create tags");
            await RefuseTakenAsync(session, organizationId, name, null, cancellationToken);
            return await WriteAsync(name, () => session.QuerySingleOrDefaultAsync(
                $"INSERT INTO tags (organization_id, name) VALUES (@org, @name) RETURNING {Columns}",
                Read, cancellationToken, ("org", organizationId), ("name", name)));
        }, cancellationToken);
    }

    /// <summary>A page of the organization's tags by name (<see cref="NameOrder"/>).</summary>
    public async Task<Page<Tag>> ListAsync(long userId, long organizationId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await database.AsMemberAsync(userId, organizationId, async (session, _) =>
        {
            var after = page.After is null ? "" : " AND " + NameOrder.After(session.Dialect, "name", "id");
            var rows = await session.QueryAsync(
                $"SELECT {Columns} FROM tags WHERE organization_id = @org{after} " +
                $"ORDER BY {NameOrder.OrderBy(session.Dialect, "name", "id")} LIMIT @limit",
                Read, cancellationToken, [("org", organizationId), .. page.Parameters]);
            return page.PageOf(rows, t => new PageCursor(0, t.Id, t.Name));
        }, cancellationToken);
    }

    /// <summary>
    /// One tag of the organization, with how many of the entries the caller may see carry it (everyone's for admins and
    /// owners: what deleting it would change; a member's own otherwise).
    /// </summary>
    public async Task<TagUsage> GetAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var tag = await FindAsync(session, organizationId, id, cancellationToken);
            var counts = await session.QuerySingleOrDefaultAsync(
                "SELECT COUNT(*) AS entries, COUNT(e.locked_at) AS locked FROM time_entry_tags l JOIN time_entries e ON e.id = l.time_entry_id " +
                "WHERE l.tag_id = @id AND (@all OR e.user_id = @user)",
                r => (Entries: r.Int64("entries"), Locked: r.Int64("locked")), cancellationToken,
                ("id", id), ("all", member.IsManager), ("user", userId));
            return new TagUsage(tag, counts.Entries, counts.Locked);
        }, cancellationToken);
    }

    /// <summary>Renames a tag (admins and owners): every entry that carries it, locked ones too, shows the new name.</summary>
    public async Task<Tag> UpdateAsync(long userId, long organizationId, long id, JsonElement body, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var patch = new PatchDocument(body, validation, "name");
        var name = patch.Has("name") ? validation.Name("name", patch.String("name"), EntryTags.MaximumLength) : null;
        validation.ThrowIfInvalid();
        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("change tags");
            var current = await FindAsync(session, organizationId, id, cancellationToken, forChange: true);
            if (name is null || name == current.Name)
                return current;
            await RefuseTakenAsync(session, organizationId, name, id, cancellationToken);
            return await WriteAsync(name, () => session.QuerySingleOrDefaultAsync(
                $"UPDATE tags SET name = @name WHERE id = @id AND organization_id = @org RETURNING {Columns}",
                Read, cancellationToken, ("name", name), ("id", id), ("org", organizationId)));
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes a tag and takes it off every entry that carries it (admins and owners); a 409 when one of them is
    /// locked (invoiced), since a locked entry does not change. Those entries count as changed now.
    /// </summary>
    public async Task DeleteAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("delete tags");
            await FindAsync(session, organizationId, id, cancellationToken, forChange: true);
            // Touching the entries holds them (on PostgreSQL) until the delete commits, so that an invoice cannot lock one
            // between the check below and the delete; an invoice that locked one first is waited for, then counted.
            await session.ExecuteAsync(
                "UPDATE time_entries SET updated_at = @now WHERE organization_id = @org AND id IN (SELECT time_entry_id FROM time_entry_tags " +
                "WHERE tag_id = @id)",
                cancellationToken, ("now", time.GetUtcNow()), ("org", organizationId), ("id", id));
            var locked = await References.CountAsync(session,
                "SELECT COUNT(*) FROM time_entry_tags l JOIN time_entries e ON e.id = l.time_entry_id " +
                "WHERE l.tag_id = @id AND e.locked_at IS NOT NULL",
                id, cancellationToken);
            if (locked > 0)
                throw new ConflictException("Tag in use",
                    $"Tag {id} cannot be deleted: {References.Describe(locked, "time entry that carries it is", "time entries that carry it are")} " +
                    "locked by an invoice. Void the invoice first, or keep the tag.");
            await session.ExecuteAsync(
                "DELETE FROM tags WHERE id = @id AND organization_id = @org", cancellationToken, ("id", id), ("org", organizationId));
        }, cancellationToken);
    }

    private static async Task<Tag> FindAsync(
        DbSession session, long organizationId, long id, CancellationToken cancellationToken, bool forChange = false) =>
        await session.QuerySingleOrDefaultAsync(
            $"SELECT {Columns} FROM tags WHERE id = @id AND organization_id = @org{(forChange ? session.Dialect.LockForChange() : "")}",
            Read, cancellationToken, ("id", id), ("org", organizationId))
        ?? throw new NotFoundException("Tag", id, $"No tag {id} in organization {organizationId}.");

    private static async Task RefuseTakenAsync(DbSession session, long organizationId, string name, long? except, CancellationToken cancellationToken)
    {
        var taken = await session.QuerySingleOrDefaultAsync("SELECT id FROM tags WHERE organization_id = @org AND name = @name",
            r => (long?)r.Int64("id"), cancellationToken, ("org", organizationId), ("name", name));
        if (taken is { } other && other != except)
            throw Taken(name, other);
    }

    private static async Task<Tag> WriteAsync(string name, Func<Task<Tag?>> write)
    {
        try
        {
            return (await write())!;
        }
        catch (DbException ex) when (ConstraintViolation.IsUnique(ex))
        {
            // An entry named it between the check and the write.
            throw Taken(name, null);
        }
    }

    private static ConflictException Taken(string name, long? other) =>
        new("Tag name taken", $"The organization already has a tag named '{name}'{(other is { } id ? $" (tag {id})" : "")}; choose another name.");

    private static Tag Read(DbRow r) => new(r.Int64("id"), r.String("name"));
}
