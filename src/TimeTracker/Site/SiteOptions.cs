namespace TimeTracker.Site;

/// <summary>
/// Where users reach the application (the <c>Site</c> configuration section; <c>Accounts:PublicUrl</c>, its earlier
/// key, still works): every feature that writes a link into an email or hands Stripe a return URL starts it here.
/// </summary>
internal sealed class SiteOptions
{
    /// <summary>The web app's address, e.g. <c>https://app.example.com</c>; never under <c>/api/v1</c>.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary><see cref="PublicUrl"/> without a trailing slash, for a path such as <c>/orgs/1/billing</c> to follow.</summary>
    public string BaseUrl => PublicUrl.TrimEnd('/');
}
