using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Billing.Events;
using TimeTracker.Billing.Overview;
using TimeTracker.Billing.Processing;
using TimeTracker.Billing.Sessions;
using TimeTracker.Billing.Webhooks;

namespace TimeTracker.Billing;

/// <summary>Billing's services, shared by <c>serve</c> (webhook and worker) and the <c>events</c> commands.</summary>
internal static class BillingServices
{
    /// <summary>
    /// Adds the webhook verifier, the event store and queue, the processor, and the client of Stripe's API that
    /// starts Checkout and Billing Portal sessions, configured from <c>Stripe</c> and <c>Billing</c>.
    /// </summary>
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StripeOptions>(configuration.GetSection("Stripe"));
        services.Configure<BillingOptions>(configuration.GetSection("Billing"));
        services.AddSingleton<StripeSignatureVerifier>();
        services.AddSingleton<EventInbox>();
        services.AddSingleton<EventQueue>();
        services.AddSingleton<EventAdministration>();
        services.AddSingleton<EventArrivals>();
        services.AddSingleton<BillingMail>();
        services.AddSingleton<OrganizationBilling>();
        services.AddSingleton<StripeEventProcessor>();
        // Stripe:Timeout bounds each call (with the response read), so the client's own limit stays out of the way.
        // StripeApi logs its calls itself, with Stripe's request id; the factory's four lines per call add nothing.
        services.AddHttpClient(StripeApi.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<StripeApi>();
        services.AddSingleton<BillingSessions>();
        services.AddSingleton<BillingAccount>();
        return services;
    }
}
