using Microsoft.Extensions.Logging;

namespace TimeTracker;

/// <summary>
/// Every log message of TimeTracker, with stable event ids (an operator may filter or alert on them). Each area
/// owns a range; a new message takes the next free id of its area, and no id is used twice. Waymark's engine
/// writes into the same log with 1000–1099 (src/Waymark/Log.cs), so TimeTracker leaves that range to it:
/// <list type="bullet">
/// <item><description>1100–1199: Hosting: /health and the Data Protection key ring.</description></item>
/// <item><description>2000–2099: Hosting: background work and failed requests.</description></item>
/// <item><description>3000–3099: Billing: the Stripe event worker (claims, attempts, leases, its emails).</description></item>
/// <item><description>3100–3199: Billing: applying an event to an organization.</description></item>
/// <item><description>3200–3299: Billing: the Stripe webhook.</description></item>
/// <item><description>4000–4099: Accounts: refresh tokens.</description></item>
/// <item><description>4100–4199: Accounts: sign-in throttling and access-token security stamps.</description></item>
/// <item><description>4200–4299: Accounts: password hashes (their kinds only: never a hash).</description></item>
/// <item><description>5100–5199: Billing: Stripe API calls, Checkout and Billing Portal sessions.</description></item>
/// <item><description>6100–6199: Organizations: invitations.</description></item>
/// <item><description>7000–7099: Email.</description></item>
/// <item><description>8000–8019: Organizations: personal API tokens (never their secrets).</description></item>
/// <item><description>8100–8119: Tracking: rates and re-pricing.</description></item>
/// <item><description>8300–8319: Tracking: the forgotten-timer worker (stops at the cap, reminder emails).</description></item>
/// </list>
/// </summary>
internal static partial class Log
{
    // 1100–1199: Hosting: /health and the Data Protection key ring.
    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "/health: the database cannot be reached: {Reason}")]
    public static partial void HealthDatabaseUnreachable(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error,
        Message = "/health: the schema is at {Current}, not at head {Head}: run 'timetracker db upgrade'")]
    public static partial void HealthSchemaBehindHead(ILogger logger, string current, string head);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "/health: the schema version cannot be read: {Reason}")]
    public static partial void HealthSchemaUnreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Data Protection key {KeyId} was stored in plain text by an older version; it is now encrypted with the key file")]
    public static partial void DataProtectionKeySealed(ILogger logger, string keyId);

    // 2000–2099: Hosting: background work and failed requests.
    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "A background task failed")]
    public static partial void BackgroundTaskFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    // 3000–3099: Billing: the Stripe event worker (claims, attempts, leases, its emails).
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Stripe event {EventId} ({Type}) failed on attempt {Attempt}; next attempt {RetryAt} (none: failed for good): {Error}")]
    public static partial void StripeEventFailed(ILogger logger, string eventId, string type, int attempt, DateTimeOffset? retryAt, string error);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Stripe event {EventId}: the lease of attempt {Attempt} ran out and another worker claimed it; " +
        "this attempt's work was rolled back")]
    public static partial void StripeEventLeaseLost(ILogger logger, string eventId, int attempt);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error,
        Message = "Processing a batch of Stripe events failed; trying again after the poll interval")]
    public static partial void StripeEventBatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Stripe event {EventId}: the email to {Recipient} could not be sent")]
    public static partial void StripeEventEmailFailed(ILogger logger, Exception exception, string eventId, string recipient);

    // 3100–3199: Billing: applying an event to an organization.
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Stripe event {EventId} ({Type}) changes nothing for organization {OrganizationId}: " +
        "it is older than the billing state applied, or ends a subscription the organization has moved away from")]
    public static partial void StripeEventChangesNothing(ILogger logger, string eventId, string type, long organizationId);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information,
        Message = "Organization {OrganizationId}'s owners were told of a payment problem less than the dunning interval ago; " +
        "event {EventId} sends no email")]
    public static partial void PaymentReminderThrottled(ILogger logger, long organizationId, string eventId);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Checkout Session event {EventId} has no customer; nothing to link")]
    public static partial void CheckoutEventWithoutCustomer(ILogger logger, string eventId);

    // 3200–3299: Billing: the Stripe webhook.
    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning,
        Message = "Stripe event {EventId} is shaped by API version {Version}, but TimeTracker reads {Expected}: " +
        "pin the webhook endpoint to {Expected}")]
    public static partial void StripeEventOtherApiVersion(ILogger logger, string eventId, string version, string expected);

    // 4000–4099: Accounts: refresh tokens.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "A refresh token was presented again after it had been replaced or revoked: " +
        "family {Family} revoked ({Count} token(s)). The token may have been stolen.")]
    public static partial void RefreshTokenReused(ILogger logger, string family, int count);

    // 4100–4199: Accounts: sign-in throttling and access-token security stamps.
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning,
        Message = "User {UserId} locked for one client address after {Count} failed checks, until {Until:o}")]
    public static partial void SignInLocked(ILogger logger, long userId, int count, DateTimeOffset until);

    [LoggerMessage(EventId = 4130, Level = LogLevel.Information,
        Message = "An access token of user {UserId} was refused: it carries security stamp {Stamp}, " +
        "the account's is {Current} (null: disabled or deleted)")]
    public static partial void AccessTokenStampRefused(ILogger logger, long userId, int stamp, int? current);

    // 4200–4299: Accounts: password hashes (their kinds only: never a hash).
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "Accounts hold password hashes of {Count} kind(s) besides the configured {Current}: {Kinds}. Until they are " +
        "replaced at their accounts' sign-ins, every refused password check also checks one of each, so that it costs the same")]
    public static partial void PasswordHashKindsHeld(ILogger logger, int count, string current, string kinds);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning,
        Message = "The kinds of password hash the accounts hold could not be read at start ({Reason}); each is found at its first check")]
    public static partial void PasswordHashKindsUnread(ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error,
        Message = "A stored password hash ({Kind}, {Length} characters) is in no format this server reads; it matches no password")]
    public static partial void PasswordHashUnreadable(ILogger logger, string kind, int length);

    // 5100–5199: Billing: Stripe API calls, Checkout and Billing Portal sessions.
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning,
        Message = "Stripe API call POST {Path} failed (status {Status}, error type {Type}, request id {RequestId}): {Reason}")]
    public static partial void StripeApiCallFailed(ILogger logger, string path, int? status, string? type, string requestId, string reason);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Checkout Session {SessionId} started for organization {OrganizationId} by user {UserId}: " +
        "price {Price}, {Quantity} seat(s); Stripe request {RequestId}")]
    public static partial void CheckoutStarted(
        ILogger logger, string sessionId, long organizationId, long userId, string price, int quantity, string requestId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information,
        Message = "Billing Portal session {SessionId} opened for organization {OrganizationId} by user {UserId}; Stripe request {RequestId}")]
    public static partial void PortalOpened(ILogger logger, string sessionId, long organizationId, long userId, string requestId);

    // 6100–6199: Organizations: invitations.
    [LoggerMessage(EventId = 6100, Level = LogLevel.Warning,
        Message = "User {UserId} may not invite into organization {OrganizationId} now: the {Scope} limit is reached ({Sent} sent, {Limit} allowed)")]
    public static partial void InvitationLimitReached(ILogger logger, long userId, long organizationId, string scope, int sent, int limit);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning,
        Message = "Invitation {InvitationId} to organization {OrganizationId} was revoked at acceptance by user {UserId}: " +
        "its inviter {InviterId} may no longer grant {Role}")]
    public static partial void InvitationInviterLapsed(
        ILogger logger, long invitationId, long organizationId, long? inviterId, string role, long userId);

    // 7000–7099: Email.
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Email (no SMTP server configured, so written here) to {To}: {Subject}\n{Body}")]
    public static partial void EmailWrittenToLog(ILogger logger, string to, string subject, string body);

    // 8000–8019: Organizations: personal API tokens (ids only: never a secret or its hash).
    [LoggerMessage(EventId = 8000, Level = LogLevel.Information,
        Message = "API token {TokenId} created by user {UserId} for organization {OrganizationId} with scope {Scope}")]
    public static partial void ApiTokenCreated(ILogger logger, long tokenId, long userId, long organizationId, string scope);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "API token {TokenId} revoked by its owner, user {UserId}")]
    public static partial void ApiTokenRevoked(ILogger logger, long tokenId, long userId);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "API token {TokenId} (null: unknown) refused: {Reason}")]
    public static partial void ApiTokenRefused(ILogger logger, long? tokenId, string reason);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information,
        Message = "API token {TokenId} refused on {Method} {Path}: {Reason}")]
    public static partial void ApiTokenOutOfScope(ILogger logger, long tokenId, string method, string path, string reason);

    // 8100–8119: Tracking: rates and re-pricing.
    [LoggerMessage(EventId = 8100, Level = LogLevel.Information,
        Message = "Organization {OrganizationId}: user {UserId} re-priced {Changed} time entries started from {From} to {To}")]
    public static partial void EntriesRepriced(ILogger logger, long organizationId, long userId, int changed, DateOnly from, DateOnly to);

    // 8300–8319: Tracking: the forgotten-timer worker (stops at the cap, reminder emails).
    [LoggerMessage(EventId = 8300, Level = LogLevel.Information,
        Message = "Timer {EntryId} of user {UserId} in organization {OrganizationId} reached the organization's cap of {Hours} hours: " +
        "stopped there and marked auto-stopped")]
    public static partial void ForgottenTimerStopped(ILogger logger, long entryId, long userId, long organizationId, int hours);

    [LoggerMessage(EventId = 8301, Level = LogLevel.Warning,
        Message = "The reminder email about timer {EntryId} could not be sent; a later pass tries again")]
    public static partial void TimerReminderFailed(ILogger logger, Exception exception, long entryId);

    [LoggerMessage(EventId = 8302, Level = LogLevel.Error,
        Message = "A pass of the forgotten-timer worker failed; trying again after Timers:WorkerInterval")]
    public static partial void ForgottenTimerPassFailed(ILogger logger, Exception exception);
}
