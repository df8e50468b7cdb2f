namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>Backup codes, shown this once.</summary>
internal sealed record BackupCodesResponse(IReadOnlyList<string> BackupCodes)
{
    /// <summary>The response carrying <paramref name="codes"/>.</summary>
    public static BackupCodesResponse Of(IReadOnlyList<string> codes) => new(codes);
}
