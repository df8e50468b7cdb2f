using System.Text.Json;
using System.Text.Json.Serialization;
using TimeTracker.Paging;
using TimeTracker.Web.Contracts.Accounts;
using TimeTracker.Web.Contracts.ApiTokens;
using TimeTracker.Web.Contracts.Billing;
using TimeTracker.Web.Contracts.Health;
using TimeTracker.Web.Contracts.Organizations;
using TimeTracker.Web.Contracts.Tracking;

namespace TimeTracker.Hosting;

/// <summary>Every JSON body the API reads or writes, serialised without reflection (the executable is Native AOT).</summary>
// Numbers are read as numbers only (the Web defaults also take "42"), so that the OpenAPI document types ids and
// amounts as numbers, as the API writes them.
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(EmailRequest))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(PasswordResetConfirmRequest))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(MessageResponse))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(BrowserTokenResponse))]
[JsonSerializable(typeof(BrowserTotpEnabledResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(PasswordRequest))]
[JsonSerializable(typeof(TotpEnabledResponse))]
[JsonSerializable(typeof(PasswordAndCodeRequest))]
[JsonSerializable(typeof(TotpSetupResponse))]
[JsonSerializable(typeof(BackupCodesResponse))]
[JsonSerializable(typeof(TwoFactorLoginRequest))]
[JsonSerializable(typeof(MfaChallengeResponse))]
[JsonSerializable(typeof(CreateOrganizationRequest))]
[JsonSerializable(typeof(RenameOrganizationRequest))]
[JsonSerializable(typeof(ChangeRoleRequest))]
[JsonSerializable(typeof(OrganizationResponse))]
[JsonSerializable(typeof(IReadOnlyList<OrganizationResponse>))]
[JsonSerializable(typeof(MemberResponse))]
[JsonSerializable(typeof(Page<MemberResponse>))]
[JsonSerializable(typeof(SeatsResponse))]
[JsonSerializable(typeof(InvitationRequest))]
[JsonSerializable(typeof(InvitationResponse))]
[JsonSerializable(typeof(IReadOnlyList<PendingInvitationResponse>))]
[JsonSerializable(typeof(AcceptInvitationRequest))]
[JsonSerializable(typeof(WebhookReceipt))]
[JsonSerializable(typeof(CheckoutRequest))]
[JsonSerializable(typeof(BillingSessionResponse))]
[JsonSerializable(typeof(BillingResponse))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(CreateClientRequest))]
[JsonSerializable(typeof(ClientResponse))]
[JsonSerializable(typeof(Page<ClientResponse>))]
[JsonSerializable(typeof(CreateTagRequest))]
[JsonSerializable(typeof(TagResponse))]
[JsonSerializable(typeof(TagUsageResponse))]
[JsonSerializable(typeof(Page<TagResponse>))]
[JsonSerializable(typeof(CreateProjectRequest))]
[JsonSerializable(typeof(ProjectResponse))]
[JsonSerializable(typeof(Page<ProjectResponse>))]
[JsonSerializable(typeof(CreateTaskRequest))]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(Page<TaskResponse>))]
[JsonSerializable(typeof(CreateTimeEntryRequest))]
[JsonSerializable(typeof(StartTimerRequest))]
[JsonSerializable(typeof(TimeEntryResponse))]
[JsonSerializable(typeof(TimeEntryPage))]
[JsonSerializable(typeof(SummaryResponse))]
[JsonSerializable(typeof(DetailedReportPage))]
[JsonSerializable(typeof(CreateInvoiceRequest))]
[JsonSerializable(typeof(IssueInvoiceRequest))]
[JsonSerializable(typeof(InvoiceResponse))]
[JsonSerializable(typeof(Page<InvoiceResponse>))]
[JsonSerializable(typeof(TimesheetPolicyRequest))]
[JsonSerializable(typeof(TimesheetPolicyResponse))]
[JsonSerializable(typeof(TimesheetResponse))]
[JsonSerializable(typeof(Page<TimesheetResponse>))]
[JsonSerializable(typeof(RejectTimesheetRequest))]
[JsonSerializable(typeof(Page<AuditRecordResponse>))]
[JsonSerializable(typeof(MePatch))]
[JsonSerializable(typeof(ClientPatch))]
[JsonSerializable(typeof(ProjectPatch))]
[JsonSerializable(typeof(SetRateRequest))]
[JsonSerializable(typeof(RateResponse))]
[JsonSerializable(typeof(Page<RateResponse>))]
[JsonSerializable(typeof(RepriceRequest))]
[JsonSerializable(typeof(RepriceResponse))]
[JsonSerializable(typeof(TaskPatch))]
[JsonSerializable(typeof(TagPatch))]
[JsonSerializable(typeof(TimeEntryPatch))]
[JsonSerializable(typeof(StripeEventPayload))]
[JsonSerializable(typeof(TimerPolicyRequest))]
[JsonSerializable(typeof(TimerPolicyResponse))]
[JsonSerializable(typeof(CreateApiTokenRequest))]
[JsonSerializable(typeof(CreatedApiTokenResponse))]
[JsonSerializable(typeof(IReadOnlyList<ApiTokenResponse>))]
internal sealed partial class AppJsonContext : JsonSerializerContext
{
    /// <summary>Makes <paramref name="options"/> (the HTTP JSON options) read and write through this context, as strictly.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.NumberHandling = JsonNumberHandling.Strict;
        options.TypeInfoResolverChain.Insert(0, Default);
    }
}
