namespace TimeTracker.Web.OpenApi;

/// <summary>
/// The type's JSON has its members and no other (<c>additionalProperties: false</c>), so that a <c>oneOf</c> tells it
/// apart from a type that has the same members and more (a browser sign-in's answer from a script's).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class ClosedSchemaAttribute : Attribute;
