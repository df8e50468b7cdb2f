namespace Waymark.Schema;

/// <summary>
/// An object tied to a table that the engine does not model (a trigger, an index on an expression), kept as
/// the database's own SQL so a table rebuild can create it again.
/// </summary>
/// <param name="Kind">What it is (<c>trigger</c>, <c>index</c>).</param>
/// <param name="Name">Its name.</param>
/// <param name="Sql">The statement that creates it.</param>
public sealed record NativeObjectDefinition(string Kind, string Name, string Sql);
