namespace TimeTracker.Accounts.Contracts;

/// <summary>Backup codes, shown this once.</summary>
internal sealed record BackupCodesResponse(IReadOnlyList<string> BackupCodes);
