using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Paging;
using TimeTracker.Tracking.Invoices;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/invoices</c>: invoices drafted from billable time, issued, paid or voided.</summary>
internal static class InvoiceEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var invoices = org.MapGroup("/invoices").WithTags("Invoices").AcceptsApiTokens(ApiScope.Admin);
        invoices.MapPost("/", CreateAsync).WithName("createInvoice").Refuses(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Draft an invoice for a client's uninvoiced billable time from one date to another (both included), locking those entries " +
                "(admins and owners).");
        invoices.MapGet("/", ListAsync).WithName("listInvoices")
            .Paged().WithSummary("A page of the organization's invoices, newest first; status filters (draft, issued, paid, void); limit, cursor.");
        invoices.MapGet("/{id:long}", GetAsync).WithName("getInvoice")
            .WithSummary("One invoice with its lines.");
        invoices.MapPost("/{id:long}/issue", IssueAsync).WithName("issueInvoice").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Issue a draft (issuedOn defaults to today, dueOn to 30 days later).");
        invoices.MapPost("/{id:long}/pay", PayAsync).WithName("payInvoice").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Mark an issued invoice paid.");
        invoices.MapPost("/{id:long}/void", VoidAsync).WithName("voidInvoice").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Void a draft or issued invoice; its entries are unlocked and its number stays used.");
    }

    private static async Task<Created<InvoiceResponse>> CreateAsync(long orgId, CreateInvoiceRequest request, CurrentUser user, Invoicing invoicing,
        CancellationToken cancellationToken)
    {
        var created = InvoiceResponse.Of(await invoicing.CreateAsync(user.Id, orgId, request.ToCommand(), cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/invoices/{created.Id}", created);
    }

    private static async Task<Ok<Page<InvoiceResponse>>> ListAsync(long orgId,
        [AllowedValues(InvoiceStatus.Draft, InvoiceStatus.Issued, InvoiceStatus.Paid, InvoiceStatus.Void)] string? status,
        string? limit, string? cursor, CurrentUser user, Invoicing invoicing, CancellationToken cancellationToken) =>
        TypedResults.Ok((await invoicing.ListAsync(user.Id, orgId, status, PageRequest.Parse(limit, cursor, byName: false), cancellationToken))
            .Select(InvoiceResponse.Of));

    private static async Task<Ok<InvoiceResponse>> GetAsync(long orgId, long id, CurrentUser user, Invoicing invoicing,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(InvoiceResponse.Of(await invoicing.GetAsync(user.Id, orgId, id, cancellationToken)));

    private static async Task<Ok<InvoiceResponse>> IssueAsync(long orgId, long id, IssueInvoiceRequest? request, CurrentUser user,
        Invoicing invoicing, CancellationToken cancellationToken) =>
        TypedResults.Ok(InvoiceResponse.Of(
            await invoicing.IssueAsync(user.Id, orgId, id, IssueInvoiceRequest.ToCommand(request), cancellationToken)));

    private static async Task<Ok<InvoiceResponse>> PayAsync(long orgId, long id, CurrentUser user, Invoicing invoicing,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(InvoiceResponse.Of(await invoicing.PayAsync(user.Id, orgId, id, cancellationToken)));

    private static async Task<Ok<InvoiceResponse>> VoidAsync(long orgId, long id, CurrentUser user, Invoicing invoicing,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(InvoiceResponse.Of(await invoicing.VoidAsync(user.Id, orgId, id, cancellationToken)));
}
