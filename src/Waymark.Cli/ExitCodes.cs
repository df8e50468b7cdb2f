namespace Waymark.Cli;

/// <summary>The exit codes of every command (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The operation failed (a migration, the database, the version record); nothing half-done was kept.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: an unknown command or option, a missing argument, an unknown or ambiguous target, a malformed URL.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Interrupted = 130;
}
