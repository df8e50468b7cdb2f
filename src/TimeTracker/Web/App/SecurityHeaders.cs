using Microsoft.AspNetCore.Http;

namespace TimeTracker.Web.App;

/// <summary>
/// The headers every answer of the web app carries. The policy allows the app's own files and nothing else: no inline
/// script or style (an injected tag cannot run), no other origin to send data to, and no page may frame the app
/// (clickjacking). The app is built to need no more (web/README.md).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// The Content-Security-Policy. <c>img-src data:</c> is for the 2FA QR code, which the browser draws; styles set from
    /// script through the CSSOM (React's <c>style</c>) are not inline styles and need no <c>'unsafe-inline'</c>.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'; manifest-src 'self'; worker-src 'self'";

    /// <summary>The browser features the app uses: none of these.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(self), geolocation=(), gyroscope=(), " +
        "magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(self), screen-wake-lock=(), " +
        "usb=(), xr-spatial-tracking=()";

    /// <summary>Two years, with subdomains, as HSTS preload lists require.</summary>
    public const string StrictTransportSecurity = "max-age=63072000; includeSubDomains";

    /// <summary>Sets the headers on <paramref name="response"/>.</summary>
    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // The emailed links carry tokens in their query; no other site may learn them from a Referer.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // Only over HTTPS (RFC 6797 7.2: it must not be sent over plain HTTP). IsHttps is the scheme after the forwarded-
        // headers middleware: behind a trusted proxy that ends TLS (ClientAddresses), its X-Forwarded-Proto.
        if (response.HttpContext.Request.IsHttps)
            headers.StrictTransportSecurity = StrictTransportSecurity;
    }
}
