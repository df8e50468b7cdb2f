namespace TimeTracker.Database;

/// <summary>A JSON document as a parameter: <c>jsonb</c> on PostgreSQL, text on SQLite.</summary>
internal sealed record JsonText(string Json);
