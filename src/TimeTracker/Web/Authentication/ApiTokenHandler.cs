using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Errors;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Authentication;

/// <summary>
/// Authenticates a <c>tt_pat_…</c> bearer credential against the database on every request (no cache, so a revoke counts
/// at once): the principal names the token's user (<c>sub</c>, as an access token does) and carries the token's
/// organization and current scope (<see cref="ApiTokenClaims"/>). A refused token is a 401 whose
/// <c>WWW-Authenticate</c> and problem say why.
/// </summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiTokenAuthentication.Credential(Request) is not { } credential || !ApiTokenStore.IsToken(credential))
            return AuthenticateResult.NoResult();
        try
        {
            var use = await Context.RequestServices.GetRequiredService<ApiTokenStore>().AuthenticateAsync(credential, Context.RequestAborted);
            var identity = new ClaimsIdentity(ApiTokenClaims.Of(use), ApiTokenAuthentication.Scheme, "sub", null);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokenAuthentication.Scheme));
        }
        catch (AuthenticationFailedException refused)
        {
            return AuthenticateResult.Fail(refused.Message);
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? "This needs a signed-in user or a valid API token.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = string.Create(CultureInfo.InvariantCulture,
            $"Bearer error=\"invalid_token\", error_description=\"{detail.Replace("\"", "'", StringComparison.Ordinal)}\"");
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Invalid API token", Detail = detail },
        });
    }
}
