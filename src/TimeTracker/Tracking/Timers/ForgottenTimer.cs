namespace TimeTracker.Tracking.Timers;

/// <summary>A running timer a pass claimed, with its organization's policy.</summary>
internal sealed record ForgottenTimer(long Id, long UserId, long OrganizationId, DateTimeOffset StartedAt, bool Reminded, TimerPolicy Policy);
