namespace TimeTracker.Tests.Cli;

/// <summary>What a finished child process left behind: its exit code and everything it wrote.</summary>
internal sealed record ProcessResult(string CommandLine, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>The lines of standard output (without line terminators; no trailing empty line).</summary>
    public IReadOnlyList<string> OutLines => Lines(StdOut);

    /// <summary>Asserts the exit code, showing the whole run when it differs.</summary>
    public ProcessResult ShouldExitWith(int expected)
    {
        Assert.True(ExitCode == expected, $"Expected exit code {expected}.\n{this}");
        return this;
    }

    public override string ToString() =>
        $"$ {CommandLine}\nexit code: {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";

    private static List<string> Lines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
