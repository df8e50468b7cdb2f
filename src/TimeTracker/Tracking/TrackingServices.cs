using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Tracking.Audit;
using TimeTracker.Tracking.Clients;
using TimeTracker.Tracking.Entries;
using TimeTracker.Tracking.Invoices;
using TimeTracker.Tracking.Projects;
using TimeTracker.Tracking.Rates;
using TimeTracker.Tracking.ProjectTasks;
using TimeTracker.Tracking.Reports;
using TimeTracker.Tracking.Tags;
using TimeTracker.Tracking.Timesheets;

namespace TimeTracker.Tracking;

/// <summary>Registers the time-tracking services.</summary>
internal static class TrackingServices
{
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddScoped<ClientCatalog>();
        services.AddScoped<ProjectCatalog>();
        services.AddScoped<TaskCatalog>();
        services.AddScoped<TagCatalog>();
        services.AddScoped<EntryAudit>();
        services.AddScoped<TimeEntries>();
        services.AddScoped<RunningTimer>();
        services.AddScoped<SummaryReport>();
        services.AddScoped<DetailedReport>();
        services.AddScoped<Invoicing>();
        services.AddScoped<RateSchedule>();
        services.AddScoped<Repricing>();
        services.AddScoped<TimesheetPolicies>();
        services.AddScoped<TimesheetWorkflow>();
        services.AddScoped<AuditTrail>();
        return services;
    }
}
