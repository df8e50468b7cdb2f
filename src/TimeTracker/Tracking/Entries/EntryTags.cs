using System.Globalization;
using TimeTracker.Database;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Entries;

/// <summary>
/// The tags of entries, by name: a name new to the organization becomes one of its tags the first time an entry
/// uses it (tag names are unique per organization).
/// </summary>
internal static class EntryTags
{
    /// <summary>The most tags one entry carries.</summary>
    public const int MaximumPerEntry = 20;

    /// <summary>The longest tag name (<c>tags.name</c> is <c>string(100)</c>).</summary>
    public const int MaximumLength = 100;

    /// <summary>The names trimmed, without repeats, in ordinal order, checked; null when none were given.</summary>
    public static IReadOnlyList<string>? Normalize(RequestValidation validation, IReadOnlyList<string>? tags)
    {
        if (tags is null)
            return null;
        // Sorted: concurrent requests then create new tags in one order, and never wait on each other's (a deadlock).
        var names = tags.Select(t => t?.Trim() ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Any(n => n.Length == 0))
            validation.Add("tags", "'tags' holds an empty name; every tag needs one.");
        if (names.FirstOrDefault(n => n.Length > MaximumLength) is { } tooLong)
            validation.Add("tags", $"The tag '{tooLong[..20]}…' has {tooLong.Length} characters; at most {MaximumLength} are allowed.");
        foreach (var name in names)
            validation.SingleLine("tags", name);
        if (names.Count > MaximumPerEntry)
            validation.Add("tags", $"An entry carries at most {MaximumPerEntry} tags; {names.Count} were given.");
        return names;
    }

    /// <summary>Makes <paramref name="names"/> the entry's tags, creating the organization's tags that do not exist yet.</summary>
    public static async Task ReplaceAsync(
        DbSession session, long organizationId, long entryId, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync("DELETE FROM time_entry_tags WHERE time_entry_id = @entry", cancellationToken, ("entry", entryId));
        if (names.Count == 0)
            return;
        var parameters = names.Select((name, i) => (string.Create(CultureInfo.InvariantCulture, $"t{i}"), (object?)name)).ToList();
        var list = string.Join(", ", parameters.Select(p => "@" + p.Item1));
        parameters.Add(("org", organizationId));
        parameters.Add(("entry", entryId));
        await session.ExecuteAsync(
            $"INSERT INTO tags (organization_id, name) VALUES {string.Join(", ", names.Select((_, i) => $"(@org, @t{i})"))} ON " +
            $"CONFLICT (organization_id, name) DO NOTHING",
            cancellationToken, [.. parameters]);
        await session.ExecuteAsync(
            $"INSERT INTO time_entry_tags (time_entry_id, tag_id) SELECT @entry, id FROM tags WHERE organization_id = @org AND name IN ({list})",
            cancellationToken, [.. parameters]);
    }

    /// <summary>The tag names of each of <paramref name="entryIds"/>, in ordinal order.</summary>
    public static Task<ILookup<long,
        string>> OfEntriesAsync(DbSession session, IReadOnlyCollection<long> entryIds, CancellationToken cancellationToken) =>
        session.RunAsync(batch => OfEntries(batch, entryIds), cancellationToken);

    /// <summary>Queues the read of <see cref="OfEntriesAsync"/>.</summary>
    public static BatchResult<ILookup<long, string>> OfEntries(SqlBatch batch, IReadOnlyCollection<long> entryIds)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(entryIds);
        if (entryIds.Count == 0)
            return new(() => Array.Empty<(long, string)>().ToLookup(t => t.Item1, t => t.Item2));
        var parameters = entryIds.Select((id, i) => (string.Create(CultureInfo.InvariantCulture, $"e{i}"), (object?)id)).ToArray();
        return batch.Query(
                $"SELECT l.time_entry_id, t.name FROM time_entry_tags l JOIN tags t ON t.id = l.tag_id WHERE l.time_entry_id " +
                $"IN ({string.Join(", ", parameters.Select(p => "@" + p.Item1))})",
                r => (Entry: r.Int64("time_entry_id"), Name: r.String("name")), parameters)
            // Sorted here, not by the database's collation, so that every answer lists tags alike.
            .Select(rows => rows.OrderBy(r => r.Name, StringComparer.Ordinal).ToLookup(r => r.Entry, r => r.Name));
    }
}
