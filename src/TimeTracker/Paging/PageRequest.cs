using System.Globalization;
using TimeTracker.Validation;

namespace TimeTracker.Paging;

/// <summary>
/// The <c>limit</c> and <c>cursor</c> of a list request, checked: every list of the API pages by the same rule
/// (docs/api.md, "Lists and pages"). <c>limit</c> is read here rather than bound as a number so that a word is
/// refused like a number out of range, naming the field and the range.
/// </summary>
internal sealed record PageRequest(int Limit, PageCursor? After)
{
    /// <summary>The page size when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest page.</summary>
    public const int MaximumLimit = 200;

    /// <summary>
    /// The page asked for, or a 400 naming <c>limit</c> or <c>cursor</c>. <paramref name="byName"/> says whether
    /// the list is sorted by name, and so whether its cursors carry one.
    /// </summary>
    public static PageRequest Parse(string? limit, string? cursor, bool byName)
    {
        var validation = new RequestValidation();
        var size = ParseLimit(validation, limit);
        var after = cursor is null ? null : PageCursor.Parse(cursor);
        if (cursor is not null && (after is null || (after.Name is not null) != byName))
            validation.Add("cursor", "'cursor' is not one this list gave out; pass the nextCursor of the previous page unchanged, " +
                "or leave cursor out for the first page.");
        validation.ThrowIfInvalid();
        return new PageRequest(size, after);
    }

    /// <summary>The page size <paramref name="text"/> asks for, the default when it is absent, or an error on <c>limit</c>.</summary>
    public static int ParseLimit(RequestValidation validation, string? text)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (text is null)
            return DefaultLimit;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaximumLimit)
            return limit;
        validation.Add("limit", $"'limit' must be a whole number from 1 to {MaximumLimit} (default {DefaultLimit}); '{text}' is not.");
        return DefaultLimit;
    }

    /// <summary>
    /// The query parameters of a keyset query: <c>@limit</c> asks for one row more than the page, which tells
    /// whether another page follows; <c>@afterRank</c>, <c>@afterName</c> and <c>@afterId</c> are the cursor's key.
    /// </summary>
    public (string Name, object? Value)[] Parameters =>
        [("limit", Limit + 1), ("afterRank", After?.Rank ?? 0), ("afterName", After?.Name), ("afterId", After?.Id ?? 0L)];

    /// <summary>The page of <paramref name="rows"/> (read with <see cref="Parameters"/>), with the cursor after its last row.</summary>
    public Page<T> PageOf<T>(IReadOnlyList<T> rows, Func<T, PageCursor> key)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(key);
        var items = rows.Take(Limit).ToList();
        return new Page<T>(items, rows.Count > Limit ? key(items[^1]).ToString() : null);
    }
}
