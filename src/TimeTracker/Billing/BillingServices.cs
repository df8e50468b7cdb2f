using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Billing.Events;
using TimeTracker.Billing.Processing;
using TimeTracker.Billing.Webhooks;

namespace TimeTracker.Billing;

/// <summary>Billing's services, shared by <c>serve</c> (webhook and worker) and the <c>events</c> commands.</summary>
internal static class BillingServices
{
    /// <summary>Adds the webhook verifier, the event store and queue, and the processor, configured from <c>Stripe</c> and <c>Billing</c>.</summary>
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
        return services;
    }
}
