using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Entries;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>POST /orgs/{orgId}/time-entries</c>: a finished piece of work. Times are ISO 8601 with an offset;
/// <c>force</c> allows more than 24 hours; <c>userId</c> (admins and owners) records it for another member;
/// <c>source</c> is <c>manual</c> (the default), <c>api</c> or <c>import</c>.
/// </summary>
internal sealed record CreateTimeEntryRequest(
    [property: DataType(DataType.DateTime)] string? StartedAt, [property: DataType(DataType.DateTime)] string? EndedAt,
    long? ProjectId = null, long? TaskId = null, string? Description = null, bool? Billable = null, IReadOnlyList<string>? Tags = null,
    [property: AllowedValues(EntrySource.Manual, EntrySource.Api, EntrySource.Import)] string? Source = null, bool? Force = null,
        long? UserId = null)
{
    /// <summary>The command this body asks for.</summary>
    public NewTimeEntry ToCommand() => new(StartedAt, EndedAt, ProjectId, TaskId, Description, Billable, Tags, Source, Force, UserId);
}
