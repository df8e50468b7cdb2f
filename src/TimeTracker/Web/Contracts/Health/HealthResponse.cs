using System.ComponentModel.DataAnnotations;

namespace TimeTracker.Web.Contracts.Health;

/// <summary>
/// The answer of <c>/health</c>: <c>healthy</c> when the database answers and its schema is at head, else
/// <c>unhealthy</c>. Anyone may call it, so it carries the status alone; why it is unhealthy goes to the log.
/// </summary>
internal sealed record HealthResponse([property: AllowedValues("healthy", "unhealthy")] string Status);
