using TimeTracker.Tests.Email;

namespace TimeTracker.Tests.Architecture;

/// <summary>
/// Source stays readable in a review: no line wider than 150 characters, and no file in src/ longer than 300 lines
/// unless its top says why (a comment starting <c>// Longer than 300 lines because</c> in its first 15 lines).
/// </summary>
public sealed class SourceSizeTests
{
    private const int MaxLineLength = 150;
    private const int MaxFileLines = 300;
    private const int ReasonWithinLines = 15;
    private const string Reason = "// Longer than 300 lines because";

    [Fact]
    public void No_source_line_is_longer_than_150_characters()
    {
        var offenders = SourceFiles()
            .SelectMany(f => f.Lines.Select((line, index) => (f.File, Number: index + 1, line.Length)))
            .Where(l => l.Length > MaxLineLength)
            .Select(l => $"{l.File}:{l.Number}: {l.Length} characters")
            .ToList();

        Assert.True(offenders.Count == 0,
            $"{offenders.Count} line(s) are longer than {MaxLineLength} characters; wrap them:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void No_source_file_is_longer_than_300_lines_without_a_reason_at_its_top()
    {
        var offenders = SourceFiles()
            .Where(f => f.Lines.Length > MaxFileLines)
            .Where(f => !f.Lines.Take(ReasonWithinLines).Any(line => line.TrimStart().StartsWith(Reason, StringComparison.Ordinal)))
            .Select(f => $"{f.File}: {f.Lines.Length} lines")
            .ToList();

        Assert.True(offenders.Count == 0,
            $"Files longer than {MaxFileLines} lines must be split, or say why in their first {ReasonWithinLines} lines " +
            $"('{Reason} ...'):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_rules_read_the_source_files()
    {
        var files = SourceFiles();

        Assert.Contains(files, f => f.File == "src/TimeTracker/Program.cs");
        Assert.Contains(files, f => f.File.StartsWith("src/Waymark/", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.File.Contains("/obj/", StringComparison.Ordinal));
    }

    private static List<(string File, string[] Lines)> SourceFiles()
    {
        var root = SmtpTestServer.RepositoryRoot();
        return Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(file => !file.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(file => (file, File.ReadAllLines(Path.Combine(root, file))))
            .ToList();
    }
}
