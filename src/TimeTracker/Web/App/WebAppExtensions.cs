using Microsoft.AspNetCore.Builder;

namespace TimeTracker.Web.App;

/// <summary>Mounts the web app on the API's application (ApiHost.Configure).</summary>
internal static class WebAppExtensions
{
    /// <summary>
    /// Serves the embedded web app at <c>/</c> for whatever the routes before it did not take. The files are read on the
    /// first request, not at start-up: the CLI commands that build the same host never pay for them.
    /// </summary>
    public static WebApplication UseWebApp(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = new Lazy<WebAppFiles>(() => WebAppFiles.Load(typeof(WebAppFiles).Assembly));
        app.Use(next => new WebAppMiddleware(next, files).InvokeAsync);
        return app;
    }
}
