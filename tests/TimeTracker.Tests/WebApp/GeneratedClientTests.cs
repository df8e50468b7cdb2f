using System.Diagnostics;
using TimeTracker.Tests.Api;
using TimeTracker.Tests.Email;

namespace TimeTracker.Tests.WebApp;

/// <summary>
/// The web app's API types (web/src/api/schema.d.ts) are generated from the server's OpenAPI document, never written by
/// hand; this fails when the committed file is not what the current server's document generates, so a change to the API
/// cannot ship without the client that matches it. To fix a failure: run the server and <c>npm run generate-api</c> in web/.
/// </summary>
public sealed class GeneratedClientTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Fact]
    public async Task The_committed_api_client_is_what_the_servers_openapi_document_generates()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var web = Path.Combine(SmtpTestServer.RepositoryRoot(), "web");
        var scratch = Directory.CreateTempSubdirectory("timetracker-openapi-");
        try
        {
            var document = Path.Combine(scratch.FullName, "openapi.json");
            await File.WriteAllBytesAsync(document, await api.Client.GetByteArrayAsync("/openapi/v1.json"));
            var generated = Path.Combine(scratch.FullName, "schema.d.ts");

            // The same script `npm run generate-api` runs, from web/node_modules (which dotnet build installed).
            var start = new ProcessStartInfo("node") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine("scripts", "generate-api.mjs"), document, "--output", generated })
                start.ArgumentList.Add(argument);
            using var node = Process.Start(start)!;
            var stderr = node.StandardError.ReadToEndAsync();
            await node.StandardOutput.ReadToEndAsync();
            await node.WaitForExitAsync();
            Assert.True(node.ExitCode == 0, $"generate-api failed ({node.ExitCode}):\n{await stderr}");

            var committed = await File.ReadAllTextAsync(Path.Combine(web, "src", "api", "schema.d.ts"));
            var current = await File.ReadAllTextAsync(generated);
            Assert.True(committed == current,
                "web/src/api/schema.d.ts differs from what the server's /openapi/v1.json generates. Start the server and run " +
                "`npm run generate-api` in web/ (or `npm run generate-api -- path/to/openapi.json`), then commit the result.\n" +
                FirstDifference(committed, current));
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static string FirstDifference(string committed, string current)
    {
        var a = committed.Split('\n');
        var b = current.Split('\n');
        for (var line = 0; line < Math.Max(a.Length, b.Length); line++)
        {
            var left = line < a.Length ? a[line] : "<end of file>";
            var right = line < b.Length ? b[line] : "<end of file>";
            if (left != right)
                return $"First difference at line {line + 1}:\n  committed: {left}\n  generated: {right}";
        }
        return "";
    }
}
