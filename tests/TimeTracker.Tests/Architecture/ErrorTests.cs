using System.Text.RegularExpressions;
using TimeTracker.Tests.Email;

namespace TimeTracker.Tests.Architecture;

/// <summary>Features throw typed errors (TimeTracker.Errors) and never build HTTP problems themselves.</summary>
public sealed partial class ErrorTests
{
    /// <summary>
    /// The web layer's files, which may refuse a request with an HTTP status of their own: composition, endpoints, the
    /// endpoint filter of <c>VerifiedEmail</c> (until the web layer takes it over) and the web layer's folder.
    /// </summary>
    private static bool IsWebLayer(string relative) =>
        relative.StartsWith("Hosting/", StringComparison.Ordinal) || relative.StartsWith("Web/", StringComparison.Ordinal)
        || relative.EndsWith("Endpoints.cs", StringComparison.Ordinal) || relative.EndsWith("Endpoint.cs", StringComparison.Ordinal)
        || relative == "Accounts/VerifiedEmail.cs";

    [Fact]
    public void No_feature_file_builds_an_HTTP_problem_or_names_a_status_code()
    {
        var source = Path.Combine(SmtpTestServer.RepositoryRoot(), "src", "TimeTracker");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Select(file => (File: Path.GetRelativePath(source, file).Replace('\\', '/'), Text: File.ReadAllText(file)))
            .Where(f => !f.File.StartsWith("obj/", StringComparison.Ordinal) && !f.File.StartsWith("bin/", StringComparison.Ordinal))
            .Where(f => !IsWebLayer(f.File))
            .Where(f => HttpRefusal().IsMatch(f.Text))
            .Select(f => $"{f.File}: {HttpRefusal().Match(f.Text).Value}")
            .ToList();

        Assert.True(offenders.Count == 0, "Feature code must throw a TimeTracker.Errors type, not an HTTP problem:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"ApiProblemException|ProblemDetails|StatusCodes\.|BadHttpRequestException")]
    private static partial Regex HttpRefusal();
}
