using System.ComponentModel.DataAnnotations;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>PATCH /orgs/{orgId}/time-entries/{id}</c> as the OpenAPI document describes it: every field
/// optional; <c>null</c> clears the project, the task, the description and the tags. Never deserialized: the server
/// reads the body as a <c>PatchDocument</c>, which tells a missing field from a null one.
/// </summary>
internal sealed class TimeEntryPatch
{
    /// <summary>When the work started (ISO 8601 with an offset).</summary>
    [DataType(DataType.DateTime)]
    public string StartedAt { get; init; } = "";

    /// <summary>When the work ended (ISO 8601 with an offset); a finished entry keeps an end.</summary>
    [DataType(DataType.DateTime)]
    public string EndedAt { get; init; } = "";

    /// <summary>The project; <c>null</c> removes it (and the task).</summary>
    public long? ProjectId { get; init; }

    /// <summary>The task, of the entry's project; <c>null</c> removes it.</summary>
    public long? TaskId { get; init; }

    /// <summary>The description; <c>null</c> removes it.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the time is billable.</summary>
    public bool Billable { get; init; }

    /// <summary>The tag names; <c>null</c> or an empty list removes them all.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Allows a span over 24 hours.</summary>
    public bool Force { get; init; }
}
