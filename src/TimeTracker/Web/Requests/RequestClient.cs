using Microsoft.AspNetCore.Http;
using TimeTracker.Accounts;

namespace TimeTracker.Web.Requests;

/// <summary>The <see cref="ClientInfo"/> of a request, which the sign-in flows record with refresh tokens and count throttles by.</summary>
internal static class RequestClient
{
    /// <summary>The caller of <paramref name="context"/>, truncated to what the columns hold.</summary>
    public static ClientInfo Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var agent = context.Request.Headers.UserAgent.ToString();
        return new ClientInfo(agent.Length == 0 ? null : agent[..Math.Min(agent.Length, 255)], context.Connection.RemoteIpAddress?.ToString());
    }
}
