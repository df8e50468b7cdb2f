using Microsoft.AspNetCore.Authorization;

namespace TimeTracker.Web.Authentication;

/// <summary>Part of the default policy: a request a personal API token authenticated stays within the token's reach.</summary>
internal sealed class ApiTokenScopeRequirement : IAuthorizationRequirement
{
    public static readonly ApiTokenScopeRequirement Instance = new();

    private ApiTokenScopeRequirement() { }
}
