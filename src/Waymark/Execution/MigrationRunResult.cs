namespace Waymark.Execution;

/// <summary>What an upgrade or downgrade did: the version rows before and after, and each completed step.</summary>
public sealed record MigrationRunResult(IReadOnlyList<string> From, IReadOnlyList<string> To, IReadOnlyList<StepResult> Steps);
