using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Invoices;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>POST /orgs/{orgId}/invoices</c>: the client, the first and last day (dates in the caller's time
/// zone, both included) whose uninvoiced billable entries it bills, and the currency (ISO 4217, USD by default).
/// </summary>
internal sealed record CreateInvoiceRequest(
    long? ClientId, [property: DataType(DataType.Date)] string? From, [property: DataType(DataType.Date)] string? To, string? Currency = null)
{
    /// <summary>The command this body asks for.</summary>
    public NewInvoice ToCommand() => new(ClientId, From, To, Currency);
}
