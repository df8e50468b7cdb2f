using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Accounts;

namespace TimeTracker.Web.Authentication;

/// <summary>Routes that only an account with a confirmed address may call (<see cref="VerifiedEmail"/> holds the rule).</summary>
internal static class VerifiedEmailFilter
{
    /// <summary>Refuses the route (403, <see cref="VerifiedEmail.Refusal"/>) to a signed-in user whose address is not verified.</summary>
    public static RouteHandlerBuilder RequireVerifiedEmail(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            await VerifiedEmail.RequireAsync(http.RequestServices.GetRequiredService<UserStore>(), CurrentUser.Of(http.User).Id, http.RequestAborted);
            return await next(context);
        }).ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
