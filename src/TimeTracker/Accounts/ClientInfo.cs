using Microsoft.AspNetCore.Http;

namespace TimeTracker.Accounts;

/// <summary>Who is calling, as refresh tokens record it (shown to users reviewing their sessions).</summary>
internal sealed record ClientInfo(string? UserAgent, string? IpAddress)
{
    /// <summary>The caller of <paramref name="context"/>, truncated to what the columns hold.</summary>
    public static ClientInfo Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var agent = context.Request.Headers.UserAgent.ToString();
        return new ClientInfo(agent.Length == 0 ? null : agent[..Math.Min(agent.Length, 255)], context.Connection.RemoteIpAddress?.ToString());
    }
}
