namespace TimeTracker.Tracking;

/// <summary>Archiving clients, projects and tasks: hidden from lists unless asked for, kept for reports and invoices.</summary>
internal static class Archiving
{
    /// <summary>
    /// When the item counts as archived after a change: unchanged when <paramref name="archive"/> is null, the
    /// first archiving time kept when archived again, now when newly archived, null when restored.
    /// </summary>
    public static DateTimeOffset? ArchivedAt(DateTimeOffset? current, bool? archive, TimeProvider time) => archive switch
    {
        null => current,
        true => current ?? time.GetUtcNow(),
        false => null,
    };
}
