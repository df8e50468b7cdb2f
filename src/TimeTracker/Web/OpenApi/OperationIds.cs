using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TimeTracker.Web.OpenApi;

/// <summary>
/// Temporary: the operationId of a route that has no <c>WithName</c> yet, by method and path. The web layer names
/// every route (issue 17); once it does, this table is unused and goes.
/// </summary>
internal static partial class OperationIds
{
    private static readonly Dictionary<string, string> Fallback = new(StringComparer.Ordinal)
    {
        ["GET health"] = "getHealth",
        ["POST api/v1/webhooks/stripe"] = "receiveStripeWebhook",
        ["POST api/v1/auth/register"] = "register",
        ["POST api/v1/auth/verify-email"] = "verifyEmail",
        ["POST api/v1/auth/verify-email/resend"] = "resendVerificationEmail",
        ["POST api/v1/auth/login"] = "login",
        ["POST api/v1/auth/login/2fa"] = "completeTwoFactorLogin",
        ["POST api/v1/auth/refresh"] = "refreshToken",
        ["POST api/v1/auth/logout"] = "logout",
        ["POST api/v1/auth/password-reset"] = "requestPasswordReset",
        ["POST api/v1/auth/password-reset/confirm"] = "confirmPasswordReset",
        ["POST api/v1/auth/logout-everywhere"] = "logoutEverywhere",
        ["POST api/v1/auth/2fa/setup"] = "setupTwoFactor",
        ["POST api/v1/auth/2fa/enable"] = "enableTwoFactor",
        ["POST api/v1/auth/2fa/disable"] = "disableTwoFactor",
        ["POST api/v1/auth/2fa/backup-codes"] = "regenerateBackupCodes",
        ["GET api/v1/me"] = "getMe",
        ["PATCH api/v1/me"] = "updateMe",
        ["POST api/v1/me/password"] = "changePassword",
        ["POST api/v1/orgs"] = "createOrganization",
        ["GET api/v1/orgs"] = "listOrganizations",
        ["GET api/v1/orgs/{id}"] = "getOrganization",
        ["PATCH api/v1/orgs/{id}"] = "renameOrganization",
        ["DELETE api/v1/orgs/{id}"] = "deleteOrganization",
        ["GET api/v1/orgs/{id}/members"] = "listMembers",
        ["PATCH api/v1/orgs/{id}/members/{userId}"] = "changeMemberRole",
        ["DELETE api/v1/orgs/{id}/members/{userId}"] = "removeMember",
        ["POST api/v1/orgs/{id}/invitations"] = "createInvitation",
        ["GET api/v1/orgs/{id}/invitations"] = "listInvitations",
        ["DELETE api/v1/orgs/{id}/invitations/{invitationId}"] = "revokeInvitation",
        ["POST api/v1/invitations/accept"] = "acceptInvitation",
        ["POST api/v1/orgs/{orgId}/clients"] = "createClient",
        ["GET api/v1/orgs/{orgId}/clients"] = "listClients",
        ["GET api/v1/orgs/{orgId}/clients/{id}"] = "getClient",
        ["PATCH api/v1/orgs/{orgId}/clients/{id}"] = "updateClient",
        ["DELETE api/v1/orgs/{orgId}/clients/{id}"] = "deleteClient",
        ["POST api/v1/orgs/{orgId}/projects"] = "createProject",
        ["GET api/v1/orgs/{orgId}/projects"] = "listProjects",
        ["GET api/v1/orgs/{orgId}/projects/{id}"] = "getProject",
        ["PATCH api/v1/orgs/{orgId}/projects/{id}"] = "updateProject",
        ["DELETE api/v1/orgs/{orgId}/projects/{id}"] = "deleteProject",
        ["POST api/v1/orgs/{orgId}/projects/{projectId}/tasks"] = "createTask",
        ["GET api/v1/orgs/{orgId}/projects/{projectId}/tasks"] = "listTasks",
        ["GET api/v1/orgs/{orgId}/projects/{projectId}/tasks/{id}"] = "getTask",
        ["PATCH api/v1/orgs/{orgId}/projects/{projectId}/tasks/{id}"] = "updateTask",
        ["DELETE api/v1/orgs/{orgId}/projects/{projectId}/tasks/{id}"] = "deleteTask",
        ["POST api/v1/orgs/{orgId}/time-entries"] = "createTimeEntry",
        ["GET api/v1/orgs/{orgId}/time-entries"] = "listTimeEntries",
        ["GET api/v1/orgs/{orgId}/time-entries/{id}"] = "getTimeEntry",
        ["PATCH api/v1/orgs/{orgId}/time-entries/{id}"] = "updateTimeEntry",
        ["DELETE api/v1/orgs/{orgId}/time-entries/{id}"] = "deleteTimeEntry",
        ["POST api/v1/orgs/{orgId}/timer/start"] = "startTimer",
        ["POST api/v1/orgs/{orgId}/timer/stop"] = "stopTimer",
        ["GET api/v1/orgs/{orgId}/timer"] = "getTimer",
        ["GET api/v1/orgs/{orgId}/reports/summary"] = "getSummaryReport",
        ["POST api/v1/orgs/{orgId}/invoices"] = "createInvoice",
        ["GET api/v1/orgs/{orgId}/invoices"] = "listInvoices",
        ["GET api/v1/orgs/{orgId}/invoices/{id}"] = "getInvoice",
        ["POST api/v1/orgs/{orgId}/invoices/{id}/issue"] = "issueInvoice",
        ["POST api/v1/orgs/{orgId}/invoices/{id}/pay"] = "payInvoice",
        ["POST api/v1/orgs/{orgId}/invoices/{id}/void"] = "voidInvoice",
    };

    /// <summary>A route parameter's constraint (<c>:long</c> in <c>{id:long}</c>) with the closing brace.</summary>
    [GeneratedRegex(@":[^}]*\}")]
    private static partial Regex Constraint();

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is null
            && Fallback.TryGetValue($"{context.Description.HttpMethod} {Constraint().Replace(context.Description.RelativePath ?? "", "}").TrimEnd('/')}", out var id))
            operation.OperationId = id;
        return Task.CompletedTask;
    }
}
