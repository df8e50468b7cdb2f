using System.CommandLine;

namespace Waymark.Cli;

/// <summary>
/// The options several verbs take, written once so that their names and help read the same everywhere. Each call
/// makes a new instance: every verb owns its options and reads them from its own parse.
/// </summary>
internal static class SharedOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of text." };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Show more detail (files, down-revisions)." };

    public static Option<bool> Sql() =>
        new("--sql") { Description = "Print the SQL script instead of running it (offline mode; TARGET may be FROM:TO)." };

    public static Option<string?> DevUrl() => new("--dev-url")
    {
        Description = "An empty database of the same kind to replay the chain in, when this user may not create a scratch database.",
    };

    public static Option<string?> Directory() =>
        new("--dir") { Description = "Where to write the file (default: the application's migrations directory)." };
}
