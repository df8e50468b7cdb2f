using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Accounts;
using TimeTracker.Hosting;
using TimeTracker.Tracking.Clients;
using TimeTracker.Tracking.Entries;
using TimeTracker.Tracking.Invoices;
using TimeTracker.Tracking.Projects;
using TimeTracker.Tracking.ProjectTasks;
using TimeTracker.Tracking.Reports;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Tracking;

/// <summary>
/// The time-tracking API under <c>/orgs/{orgId}/…</c>: clients, projects, tasks, time entries and the timer.
/// Signed in, and scoped to the caller's memberships (another organization's ids are 404s).
/// </summary>
internal static class TrackingEndpoints
{
    public static void MapTrackingEndpoints(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/orgs/{orgId:long}").RequireAuthorization().WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes));
        MapClients(org.MapGroup("/clients").WithTags("Clients"));
        MapProjects(org.MapGroup("/projects").WithTags("Projects"));
        MapTasks(org.MapGroup("/projects/{projectId:long}/tasks").WithTags("Tasks"));
        MapEntries(org.MapGroup("/time-entries").WithTags("Time entries"));
        MapTimer(org.MapGroup("/timer").WithTags("Timer"));
        MapReports(org.MapGroup("/reports").WithTags("Reports"));
        MapInvoices(org.MapGroup("/invoices").WithTags("Invoices"));
    }

    private static void MapInvoices(RouteGroupBuilder invoices)
    {
        invoices.MapPost("/", async (long orgId, CreateInvoiceRequest request, ClaimsPrincipal principal, Invoicing invoicing, CancellationToken cancellationToken) =>
        {
            var created = await invoicing.CreateAsync(AccountEndpoints.UserId(principal), orgId, request, cancellationToken);
            return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/invoices/{created.Id}", created);
        }).WithSummary("Draft an invoice for a client's uninvoiced billable time from one date to another (both included), locking those entries (admins and owners).");
        invoices.MapGet("/", async (long orgId, string? status, string? limit, string? cursor, ClaimsPrincipal principal, Invoicing invoicing, CancellationToken cancellationToken) =>
            TypedResults.Ok(await invoicing.ListAsync(AccountEndpoints.UserId(principal), orgId, status, PageRequest.Parse(limit, cursor, byName: false), cancellationToken)))
            .Paged().WithSummary("A page of the organization's invoices, newest first; status filters (draft, issued, paid, void); limit, cursor.");
        invoices.MapGet("/{id:long}", async (long orgId, long id, ClaimsPrincipal principal, Invoicing invoicing, CancellationToken cancellationToken) =>
            TypedResults.Ok(await invoicing.GetAsync(AccountEndpoints.UserId(principal), orgId, id, cancellationToken)))
            .WithSummary("One invoice with its lines.");
        invoices.MapPost("/{id:long}/issue", async (long orgId, long id, IssueInvoiceRequest? request, ClaimsPrincipal principal, Invoicing invoicing, CancellationToken cancellationToken) =>
            TypedResults.Ok(await invoicing.IssueAsync(AccountEndpoints.UserId(principal), orgId, id, request ?? new IssueInvoiceRequest(null, null), cancellationToken)))
            .WithSummary("Issue a draft (issuedOn defaults to today, dueOn to 30 days later).");
        invoices.MapPost("/{id:long}/pay", async (long orgId, long id, ClaimsPrincipal principal, Invoicing invoicing, CancellationToken cancellationToken) =>
            TypedResults.Ok(await invoicing.PayAsync(AccountEndpoints.UserId(principal), orgId, id, cancellationToken)))
            .WithSummary("Mark an issued invoice paid.");
        invoices.MapPost("/{id:long}/void", async (long orgId, long id, ClaimsPrincipal principal, Invoicing invoicing, CancellationToken cancellationToken) =>
            TypedResults.Ok(await invoicing.VoidAsync(AccountEndpoints.UserId(principal), orgId, id, cancellationToken)))
            .WithSummary("Void a draft or issued invoice; its entries are unlocked and its number stays used.");
    }

    private static void MapReports(RouteGroupBuilder reports) =>
        reports.MapGet("/summary", async Task<Results<Ok<SummaryResponse>, ContentHttpResult>> (long orgId, string? from, string? to, string? groupBy,
            HttpContext context, ClaimsPrincipal principal, SummaryReport report, CancellationToken cancellationToken) =>
        {
            var summary = await report.RunAsync(AccountEndpoints.UserId(principal), orgId, from, to, groupBy, cancellationToken);
            if (!context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(SummaryCsv.MediaType, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0))
                return TypedResults.Ok(summary);
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{SummaryCsv.FileName(summary)}\"";
            return TypedResults.Text(SummaryCsv.Write(summary), SummaryCsv.MediaType + "; charset=utf-8");
        }).Produces<string>(StatusCodes.Status200OK, SummaryCsv.MediaType)
        .WithSummary("Totals and billable amounts from one date to another (both included, in your time zone) by project, client, user, tag or day; Accept: text/csv for CSV.");

    private static void MapClients(RouteGroupBuilder clients)
    {
        clients.MapPost("/", async (long orgId, CreateClientRequest request, ClaimsPrincipal principal, ClientCatalog catalog, CancellationToken cancellationToken) =>
        {
            var created = await catalog.CreateAsync(AccountEndpoints.UserId(principal), orgId, request, cancellationToken);
            return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/clients/{created.Id}", created);
        }).WithSummary("Create a client (admins and owners).");
        clients.MapGet("/", async (long orgId, bool? includeArchived, string? limit, string? cursor, ClaimsPrincipal principal, ClientCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(await catalog.ListAsync(AccountEndpoints.UserId(principal), orgId, includeArchived == true, PageRequest.Parse(limit, cursor, byName: true), cancellationToken)))
            .Paged().WithSummary("A page of the organization's clients by name; archived ones with includeArchived=true; limit, cursor.");
        clients.MapGet("/{id:long}", async (long orgId, long id, ClaimsPrincipal principal, ClientCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(await catalog.GetAsync(AccountEndpoints.UserId(principal), orgId, id, cancellationToken)))
            .WithSummary("One client.");
        clients.MapPatch("/{id:long}", async (long orgId, long id, JsonElement body, ClaimsPrincipal principal, ClientCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(await catalog.UpdateAsync(AccountEndpoints.UserId(principal), orgId, id, body, cancellationToken)))
            .DescribesBody<ClientPatch>()
            .WithSummary("Change name or email, or archive (archived: true) or restore a client (admins and owners).");
        clients.MapDelete("/{id:long}", async (long orgId, long id, ClaimsPrincipal principal, ClientCatalog catalog, CancellationToken cancellationToken) =>
        {
            await catalog.DeleteAsync(AccountEndpoints.UserId(principal), orgId, id, cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Delete a client no time entry or invoice refers to (admins and owners); 409 says how many do.");
    }

    private static void MapProjects(RouteGroupBuilder projects)
    {
        projects.MapPost("/", async (long orgId, CreateProjectRequest request, ClaimsPrincipal principal, ProjectCatalog catalog, CancellationToken cancellationToken) =>
        {
            var created = await catalog.CreateAsync(AccountEndpoints.UserId(principal), orgId, request, cancellationToken);
            return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/projects/{created.Id}", created);
        }).WithSummary("Create a project, with an optional client and hourly rate (admins and owners).");
        projects.MapGet("/", async (long orgId, bool? includeArchived, long? clientId, string? limit, string? cursor, ClaimsPrincipal principal, ProjectCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(await catalog.ListAsync(AccountEndpoints.UserId(principal), orgId, includeArchived == true, clientId, PageRequest.Parse(limit, cursor, byName: true), cancellationToken)))
            .Paged().WithSummary("A page of the organization's projects by name; archived ones with includeArchived=true; one client's with clientId; limit, cursor.");
        projects.MapGet("/{id:long}", async (long orgId, long id, ClaimsPrincipal principal, ProjectCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(await catalog.GetAsync(AccountEndpoints.UserId(principal), orgId, id, cancellationToken)))
            .WithSummary("One project.");
        projects.MapPatch("/{id:long}", async (long orgId, long id, JsonElement body, ClaimsPrincipal principal, ProjectCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(await catalog.UpdateAsync(AccountEndpoints.UserId(principal), orgId, id, body, cancellationToken)))
            .DescribesBody<ProjectPatch>()
            .WithSummary("Change name, client, description or hourly rate (null clears), or archive or restore a project (admins and owners).");
        projects.MapDelete("/{id:long}", async (long orgId, long id, ClaimsPrincipal principal, ProjectCatalog catalog, CancellationToken cancellationToken) =>
        {
            await catalog.DeleteAsync(AccountEndpoints.UserId(principal), orgId, id, cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Delete a project no time entry refers to, with its tasks (admins and owners); 409 says how many do.");
    }

    private static void MapTasks(RouteGroupBuilder tasks)
    {
        tasks.MapPost("/", async (long orgId, long projectId, CreateTaskRequest request, ClaimsPrincipal principal, TaskCatalog catalog, CancellationToken cancellationToken) =>
        {
            var created = await catalog.CreateAsync(AccountEndpoints.UserId(principal), orgId, projectId, request, cancellationToken);
            return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/projects/{projectId}/tasks/{created.Id}", created);
        }).WithSummary("Create a task on a project (admins and owners).");
        tasks.MapGet("/", async (long orgId, long projectId, bool? includeArchived, string? limit, string? cursor, ClaimsPrincipal principal, TaskCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(await catalog.ListAsync(AccountEndpoints.UserId(principal), orgId, projectId, includeArchived == true, PageRequest.Parse(limit, cursor, byName: true), cancellationToken)))
            .Paged().WithSummary("A page of a project's tasks by name; archived ones with includeArchived=true; limit, cursor.");
        tasks.MapGet("/{id:long}", async (long orgId, long projectId, long id, ClaimsPrincipal principal, TaskCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(await catalog.GetAsync(AccountEndpoints.UserId(principal), orgId, projectId, id, cancellationToken)))
            .WithSummary("One task.");
        tasks.MapPatch("/{id:long}", async (long orgId, long projectId, long id, JsonElement body, ClaimsPrincipal principal, TaskCatalog catalog, CancellationToken cancellationToken) =>
            TypedResults.Ok(await catalog.UpdateAsync(AccountEndpoints.UserId(principal), orgId, projectId, id, body, cancellationToken)))
            .DescribesBody<TaskPatch>()
            .WithSummary("Rename, archive or restore a task (admins and owners).");
        tasks.MapDelete("/{id:long}", async (long orgId, long projectId, long id, ClaimsPrincipal principal, TaskCatalog catalog, CancellationToken cancellationToken) =>
        {
            await catalog.DeleteAsync(AccountEndpoints.UserId(principal), orgId, projectId, id, cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Delete a task no time entry refers to (admins and owners); 409 says how many do.");
    }

    private static void MapEntries(RouteGroupBuilder entries)
    {
        entries.MapPost("/", async (long orgId, CreateTimeEntryRequest request, ClaimsPrincipal principal, TimeEntries store, CancellationToken cancellationToken) =>
        {
            var created = await store.CreateAsync(AccountEndpoints.UserId(principal), orgId, request, cancellationToken);
            return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/time-entries/{created.Id}", created);
        }).WithSummary("Record a finished entry (admins and owners may record one for another member with userId).");
        // Parameters one by one: the request delegate generator mishandles [AsParameters] records with nullable strings.
        entries.MapGet("/", async (long orgId, string? from, string? to, long? userId, long? projectId, bool? billable, string? limit, string? cursor,
                ClaimsPrincipal principal, TimeEntries store, CancellationToken cancellationToken) =>
            TypedResults.Ok(await store.ListAsync(AccountEndpoints.UserId(principal), orgId,
                new TimeEntryQuery(from, to, userId, projectId, billable, limit, cursor), cancellationToken)))
            .Paged().WithSummary("A page of entries, newest first: from, to, userId, projectId, billable, limit, cursor. Members see their own.");
        entries.MapGet("/{id:long}", async (long orgId, long id, ClaimsPrincipal principal, TimeEntries store, CancellationToken cancellationToken) =>
            TypedResults.Ok(await store.GetAsync(AccountEndpoints.UserId(principal), orgId, id, cancellationToken)))
            .WithSummary("One entry (members: their own).");
        entries.MapPatch("/{id:long}", async (long orgId, long id, JsonElement body, ClaimsPrincipal principal, TimeEntries store, CancellationToken cancellationToken) =>
            TypedResults.Ok(await store.UpdateAsync(AccountEndpoints.UserId(principal), orgId, id, body, cancellationToken)))
            .DescribesBody<TimeEntryPatch>()
            .WithSummary("Change an entry: startedAt, endedAt, projectId, taskId, description, billable, tags, force. 409 while invoiced.");
        entries.MapDelete("/{id:long}", async (long orgId, long id, ClaimsPrincipal principal, TimeEntries store, CancellationToken cancellationToken) =>
        {
            await store.DeleteAsync(AccountEndpoints.UserId(principal), orgId, id, cancellationToken);
            return TypedResults.NoContent();
        }).WithSummary("Delete an entry (members: their own). 409 while invoiced.");
    }

    private static void MapTimer(RouteGroupBuilder timer)
    {
        timer.MapPost("/start", async (long orgId, StartTimerRequest? request, ClaimsPrincipal principal, RunningTimer timers, CancellationToken cancellationToken) =>
        {
            var started = await timers.StartAsync(AccountEndpoints.UserId(principal), orgId, request ?? new StartTimerRequest(null, null, null, null, null), cancellationToken);
            return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/time-entries/{started.Id}", started);
        }).WithSummary("Start a timer (stopping the one running): projectId, taskId, description, billable, tags, all optional.");
        timer.MapPost("/stop", async (long orgId, ClaimsPrincipal principal, RunningTimer timers, CancellationToken cancellationToken) =>
            TypedResults.Ok(await timers.StopAsync(AccountEndpoints.UserId(principal), orgId, cancellationToken)))
            .WithSummary("Stop the running timer; 409 when none runs.");
        timer.MapGet("/", async Task<Results<Ok<TimeEntryResponse>, NoContent>> (long orgId, ClaimsPrincipal principal, RunningTimer timers, CancellationToken cancellationToken) =>
            await timers.CurrentAsync(AccountEndpoints.UserId(principal), orgId, cancellationToken) is { } running
                ? TypedResults.Ok(running)
                : TypedResults.NoContent())
            .WithSummary("The running timer, or 204 when none runs.");
    }
}
