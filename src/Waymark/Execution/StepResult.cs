using Waymark.Planning;

namespace Waymark.Execution;

/// <summary>A step that completed: which revision, which way, how long it took and how many statements it ran.</summary>
public sealed record StepResult(MigrationStep Step, TimeSpan Duration, int Statements, string Checksum);
