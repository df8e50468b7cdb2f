using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Endpoints;
using TimeTracker.Web.Requests;

namespace TimeTracker.Web;

/// <summary>Every route of the application: <c>/health</c> at the root, the API under <see cref="ApiHost.ApiPrefix"/>.</summary>
internal static class ApiRoutes
{
    /// <summary>Maps the routes on <paramref name="app"/>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        HealthEndpoint.Map(app);
        // The group adds only its prefix: each area's own groups carry their authorization, rate limits and body
        // limits. Old paths (/auth/login) are 404s, never redirects: a client would re-send a POST's body.
        var api = app.MapGroup(ApiHost.ApiPrefix);
        AccountEndpoints.Map(api);
        TwoFactorEndpoints.Map(api);
        ProfileEndpoints.Map(api);
        ApiTokenEndpoints.Map(api);

        var orgs = api.MapGroup("/orgs").WithTags("Organizations").RequireAuthorization().WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes));
        OrganizationEndpoints.Map(orgs);
        MemberEndpoints.Map(orgs);
        InvitationEndpoints.Map(api, orgs);

        // Time tracking: signed in, and scoped to the caller's memberships (another organization's ids are 404s). API tokens
        // of the organization read with 'read' and track time with 'write'; the catalogue and invoices change with 'admin'.
        var org = api.MapGroup("/orgs/{orgId:long}").RequireAuthorization().WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes))
            .AcceptsApiTokens(ApiScope.Write);
        ClientEndpoints.Map(org);
        ProjectEndpoints.Map(org);
        TaskEndpoints.Map(org);
        TagEndpoints.Map(org);
        TimeEntryEndpoints.Map(org);
        TimerEndpoints.Map(org);
        TimerPolicyEndpoints.Map(org);
        ReportEndpoints.Map(org);
        InvoiceEndpoints.Map(org);
        RateEndpoints.Map(org);
        TimesheetEndpoints.Map(org);
        AuditEndpoints.Map(org);

        BillingEndpoints.Map(api);
        StripeWebhookEndpoint.Map(api);
    }
}
