namespace Waymark.Diagnosis;

/// <summary>How much a finding matters.</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing; the database is healthy (e.g. a constraint named differently than the migrations name it).</summary>
    Info,
    /// <summary>Something to look at: drift, an edited migration, several heads.</summary>
    Warning,
    /// <summary>The version record and the schema disagree, or the schema matches no revision.</summary>
    Error,
}
