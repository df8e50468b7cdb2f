using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TimeTracker.Paging;

/// <summary>
/// Where a page of a list ended: the key of its last row, which the next page continues strictly after. Only a
/// position is carried (no organization and no filters), so a cursor passed to another list or organization
/// selects nothing that the request's own filters would not. Handed out as base64url text, opaque to clients.
/// </summary>
/// <param name="Rank">The leading sort key of lists grouped by rank (members: their role's rank), else 0.</param>
/// <param name="Id">The row's id, the last sort key of every list.</param>
/// <param name="Name">The row's name in lists sorted by name, else null.</param>
internal sealed record PageCursor(int Rank, long Id, string? Name)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The cursor as the API hands it out.</summary>
    public override string ToString() =>
        Base64Url.EncodeToString(StrictUtf8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Rank}.{Id}{(Name is null ? "" : "." + Name)}")));

    /// <summary>A cursor this API handed out, or null for any other text.</summary>
    public static PageCursor? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return null;
        }
        // The name comes last and is kept whole, dots and all.
        var parts = decoded.Split('.', 3);
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new PageCursor(rank, id, parts.Length == 3 ? parts[2] : null)
            : null;
    }
}
