using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Errors;
using TimeTracker.Web.Problems;

namespace TimeTracker.Tests.Api;

/// <summary>
/// Each typed error of the features, through the one handler that maps errors to problems: its status, title, detail,
/// and the members and headers its type carries. The features never choose a status; this table is where they are.
/// </summary>
public sealed class ErrorMappingTests
{
    private static readonly (TimeTrackerException Error, int Status, string Title)[] Table =
    [
        (new ValidationException("name", "'name' is required."), 400, "The request is invalid"),
        (new InvalidRequestException("Invalid reset token", "The link is unknown."), 400, "Invalid reset token"),
        (new AuthenticationFailedException("Refresh refused", "It expired."), 401, "Refresh refused"),
        (new PaymentRequiredException("Billing needs attention", "Frozen."), 402, "Billing needs attention"),
        (new ForbiddenException("Owners only", "Only an owner may delete it."), 403, "Owners only"),
        (new NotFoundException("Time entry", 7, "No time entry 7."), 404, "Time entry not found"),
        (new ConflictException("Project in use", "Project 7 cannot be deleted."), 409, "Project in use"),
        (new UnprocessableException("Nothing to invoice", "No billable time."), 422, "Nothing to invoice"),
        (new TooManyRequestsException("Too many invitations", "Later.", TimeSpan.FromSeconds(9)), 429, "Too many invitations"),
        (new UpstreamFailureException("Stripe call failed", "Refused.", "req_123"), 502, "Stripe call failed"),
        (new NotConfiguredException("Stripe not configured", "Set Stripe:SecretKey."), 503, "Stripe not configured"),
    ];

    private static readonly Dictionary<string, (TimeTrackerException Error, int Status, string Title)> Cases =
        Table.ToDictionary(row => row.Error.GetType().Name, StringComparer.Ordinal);

    public static TheoryData<string> ErrorTypes => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(ErrorTypes))]
    public async Task Each_error_type_is_a_problem_with_its_status_its_title_and_its_message_as_the_detail(string type)
    {
        var (thrown, status, title) = Cases[type];

        var (response, problem) = await HandleAsync(thrown);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(thrown.Message, problem.GetProperty("detail").GetString());
        Assert.Equal(thrown is ValidationException, problem.TryGetProperty("errors", out _));
    }

    [Fact]
    public void Every_error_type_under_the_root_has_a_case_here()
    {
        var types = typeof(TimeTrackerException).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(TimeTrackerException)) && !t.IsAbstract).Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.Equal(types, Cases.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_validation_error_lists_each_field_with_its_messages_and_the_detail_repeats_them()
    {
        var (_, problem) = await HandleAsync(new ValidationException(new Dictionary<string, string[]>
        {
            ["email"] = ["'email' is not a valid email address."],
            ["password"] = ["'password' has 5 characters; at least 12 are needed.", "'password' is too easy to guess."],
        }));

        Assert.Equal("'email' is not a valid email address.", problem.GetProperty("errors").GetProperty("email")[0].GetString());
        Assert.Equal(2, problem.GetProperty("errors").GetProperty("password").GetArrayLength());
        Assert.Equal("One or more fields are invalid: 'email' is not a valid email address. 'password' has 5 characters; at least 12 are needed. " +
            "'password' is too easy to guess.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_not_found_error_is_titled_by_its_kind_and_keeps_the_id()
    {
        var error = new NotFoundException("Invoice", 12, "No invoice 12 in organization 3.");

        var (_, problem) = await HandleAsync(error);

        Assert.Equal(("Invoice", 12L), (error.Kind, error.Id));
        Assert.Equal("Invoice not found", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("req_123")]
    [InlineData(null)]
    public async Task An_upstream_failure_carries_Stripes_request_id_even_when_Stripe_gave_none(string? requestId)
    {
        var (_, problem) = await HandleAsync(new UpstreamFailureException("Stripe call failed", "Stripe could not be reached.", requestId));

        Assert.Equal(requestId, problem.GetProperty(ProblemExceptionHandler.StripeRequestIdExtension).GetString());
    }

    [Fact]
    public async Task Too_many_requests_says_when_to_retry_in_whole_seconds()
    {
        var (response, _) = await HandleAsync(new TooManyRequestsException("Too many invitations", "Try again later.", TimeSpan.FromSeconds(90.2)));

        Assert.Equal("91", response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task The_web_layers_own_refusal_keeps_its_status_and_an_unexpected_exception_is_a_500_without_internals()
    {
        var (refused, refusal) = await HandleAsync(new ApiProblemException(413, "Body too large", "This endpoint reads at most 16384 bytes."));
        var (failed, failure) = await HandleAsync(new InvalidOperationException("Sequence contains no elements at TimeTracker.Secret"));

        Assert.Equal((413, "Body too large"), (refused.StatusCode, refusal.GetProperty("title").GetString()));
        Assert.Equal(500, failed.StatusCode);
        Assert.DoesNotContain("TimeTracker", failure.GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<(HttpResponse Response, JsonElement Problem)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<ProblemExceptionHandler>(services);

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        context.Response.Body.Position = 0;
        return (context.Response, (await JsonDocument.ParseAsync(context.Response.Body)).RootElement);
    }
}
