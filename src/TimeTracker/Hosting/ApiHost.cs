using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts;
using TimeTracker.Accounts.Passwords;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Accounts.TwoFactor;
using TimeTracker.Background;
using TimeTracker.Billing;
using TimeTracker.Billing.Processing;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Organizations;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Site;
using TimeTracker.Tracking;
using TimeTracker.Tracking.Timers;
using TimeTracker.Web;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Problems;
using TimeTracker.Web.RateLimits;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Hosting;

/// <summary>
/// The HTTP API: services, middleware and routes. <c>timetracker serve</c> runs it on Kestrel; tests run the same
/// composition on a test server.
/// </summary>
internal static class ApiHost
{
    /// <summary>Where <c>serve</c> listens unless <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// The prefix of every route of the API (its version 1), so that the web app can own <c>/</c>. The routes the
    /// endpoint classes and their doc comments name (<c>/auth/login</c>, <c>/orgs/{id}</c>…) are relative to it.
    /// <c>/health</c> and the OpenAPI document stay at the root: probes and tools find them without knowing the version.
    /// </summary>
    public const string ApiPrefix = "/api/v1";

    /// <summary>
    /// A builder with TimeTracker's services, configured from appsettings.json, environment variables and
    /// <paramref name="args"/> (ASP.NET Core's order). The database is <paramref name="databaseUrl"/>, else the
    /// setting <c>DATABASE_URL</c>, else <see cref="TimeTrackerDatabase.DefaultUrl"/>.
    /// </summary>
    /// <exception cref="ApiConfigurationException">A required setting is missing or unusable.</exception>
    /// <exception cref="Waymark.Configuration.InvalidDatabaseUrlException">The database URL is malformed.</exception>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? databaseUrl, ILoggerProvider? fileLog = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (fileLog is not null)
            builder.Logging.AddProvider(fileLog);

        var jwt = builder.Configuration.GetSection("Jwt").Get<JwtOptions>() ?? new JwtOptions();
        if (System.Text.Encoding.UTF8.GetByteCount(jwt.SigningKey ?? "") < JwtOptions.MinimumKeyBytes)
            throw new ApiConfigurationException(
                $"Jwt:SigningKey is {(string.IsNullOrEmpty(jwt.SigningKey) ? "not set" : "shorter than 32 bytes")}. " +
                $"Set it to a random secret of at least {JwtOptions.MinimumKeyBytes} bytes, " +
                "e.g. export Jwt__SigningKey=\"$(openssl rand -base64 48)\" (never commit it).");

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        var url = databaseUrl ?? builder.Configuration["DATABASE_URL"];
        // Made here, so that a malformed URL fails the start; registered through a factory, so that the container
        // disposes it (and its connection pool) with the application.
        var database = new AppDatabase(string.IsNullOrWhiteSpace(url) ? TimeTrackerDatabase.DefaultUrl : url);
        services.AddSingleton(_ => database);
        services.AddSingleton<SchemaStatus>();
        services.Configure<JwtOptions>(builder.Configuration.GetSection("Jwt"));
        services.AddSite(builder.Configuration);
        services.Configure<AccountOptions>(builder.Configuration.GetSection("Accounts"));
        // Argon2id at OWASP's minimum unless Accounts:PasswordHash says otherwise (PBKDF2 at Identity's own
        // Accounts:PasswordHasher:IterationCount); hashes made otherwise are redone at sign-in.
        var passwordHash = builder.Configuration.GetSection("Accounts:PasswordHash").Get<PasswordHashOptions>() ?? new PasswordHashOptions();
        var pbkdf2 = builder.Configuration.GetSection("Accounts:PasswordHasher").Get<PasswordHasherOptions>() ?? new PasswordHasherOptions();
        if (passwordHash.Problem is { } problem)
            throw new ApiConfigurationException(problem);
        if (pbkdf2.IterationCount < 1)
            throw new ApiConfigurationException(
                $"Accounts:PasswordHasher:IterationCount is {pbkdf2.IterationCount}; it must be at least 1 (Identity's default is 100000).");
        services.AddSingleton(Options.Create(passwordHash));
        services.AddSingleton(Options.Create(pbkdf2));

        services.AddSingleton<BackgroundWork>();
        services.AddHostedService<BackgroundWorkRunner>();
        services.AddEmail(builder.Configuration);
        services.AddBilling(builder.Configuration);
        services.AddHostedService<StripeEventWorker>();

        services.AddSingleton<StrengthMatchers>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<PasswordHashing>();
        services.AddHostedService<PasswordHashKindsAtStart>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<EmailTokenStore>();
        services.AddSingleton<AccountMail>();
        services.AddScoped<UserStore>();
        services.AddScoped<RefreshTokenStore>();
        services.AddSingleton<SecurityStamps>();
        services.AddScoped<SessionRevocation>();
        services.AddSingleton<TokenCleanup>();
        services.AddScoped<Registration>();
        services.AddScoped<SignIn>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordReset>();
        services.AddScoped<Profile>();
        services.AddSingleton<SignInChallenge>();
        services.AddScoped<TwoFactorAuthentication>();
        services.AddSingleton<AuditLog>();
        services.AddScoped<OrganizationDirectory>();
        services.AddScoped<MemberDirectory>();
        services.AddScoped<Invitations>();
        services.AddScoped<InvitationLimits>();
        services.AddScoped<ApiTokenStore>();
        services.Configure<OrganizationOptions>(builder.Configuration.GetSection("Organizations"));
        services.AddTracking();
        services.AddTimerPolicy(builder.Configuration);
        services.AddHostedService<ForgottenTimerWorker>();

        // The ring is in the database, its key outside it: a dump of the database alone opens no TOTP secret.
        var keyFile = builder.Configuration["DataProtection:KeyFile"];
        services.AddSingleton(KeyEncryptionKey.LoadOrCreate(string.IsNullOrWhiteSpace(keyFile) ? KeyEncryptionKey.DefaultPath(database) : keyFile));
        services.AddSingleton<KeyFileXmlEncryptor>();
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddDataProtection().SetApplicationName("timetracker");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            options.XmlRepository = provider.GetRequiredService<DatabaseXmlRepository>();
            options.XmlEncryptor = provider.GetRequiredService<KeyFileXmlEncryptor>();
        }));

        services.ConfigureHttpJsonOptions(options => AppJsonContext.Configure(options.SerializerOptions));
        // Unreadable bodies reach the exception handler, which says what was wrong, instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApiContract();
        services.AddHttpLogging(options =>
        {
            // Method, path, status and time only: bodies and headers carry passwords and tokens.
            options.LoggingFields =
                HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });

        services.AddAccessTokenAuthentication(jwt);

        if (ClientAddresses.Options(builder.Configuration) is { } forwarded)
            services.AddSingleton(forwarded);
        services.AddRateLimits(builder.Configuration);
        return builder;
    }

    /// <summary>The middleware and routes, on a built application.</summary>
    public static WebApplication Configure(WebApplication app)
    {
        // First, so that everything after it (the request log, rate limits, sessions) sees the client behind a trusted proxy.
        if (app.Services.GetService<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>() is { } forwarded)
            app.UseForwardedHeaders(forwarded);
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseHttpLogging();
        app.UseRouting();
        BodyLimit.UseBodyLimits(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        ApiRoutes.Map(app);
        // Last: the web app answers only what no route of the API took.
        TimeTracker.Web.App.WebAppExtensions.UseWebApp(app);
        return app;
    }
}
