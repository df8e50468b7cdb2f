namespace Waymark.Planning;

/// <summary>
/// The version record has several rows and one of them is an ancestor of another, which no run of the
/// engine leaves behind: someone edited the table by hand.
/// </summary>
public sealed class InconsistentVersionRecordException(IReadOnlyList<string> rows, string ancestor, string descendant)
    : WaymarkException(
        $"The version record has the rows {string.Join(", ", rows)}, but '{ancestor}' is an ancestor of '{descendant}', " +
        $"so they cannot both be current heads. " +
        $"The table was probably edited by hand. Check which revision the schema matches, then 'db stamp' it; that replaces every row.")
{
    /// <summary>The rows of the version record.</summary>
    public IReadOnlyList<string> Rows { get; } = rows;
}
