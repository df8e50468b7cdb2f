namespace TimeTracker.Tracking.Timers;

/// <summary>What a reminder email says of a running timer (and of its organization's cap), and whom it goes to.</summary>
internal sealed record ReminderDetails(
    long EntryId, long OrganizationId, DateTimeOffset StartedAt, string? Description, string? Project, string? Task,
    string Email, string Name, string? TimeZone, string Organization, int StopAfterHours);
