using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Waymark.Revisions;

namespace Waymark.Cli;

/// <summary>
/// Writes a new migration source file named like the chain's files (<c>020_add_widgets.cs</c>). Numeric
/// chains get the next number at the same width; other chains get a random 12-digit hex id, as Alembic does.
/// </summary>
internal sealed class MigrationFileWriter(string directory, string @namespace)
{
    public async Task<string> WriteAsync(
        RevisionGraph graph, string message, IReadOnlyList<string> downRevisions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message))
            throw new WaymarkUsageException("The message (-m) is empty; say in a few words what the revision does.");
        var id = NextId(graph);
        var slug = Slug(message);
        if (slug.Length == 0)
            throw new WaymarkUsageException($"The message '{message}' has no letters or digits to name the file with.");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{id}_{slug}.cs");
        if (File.Exists(path))
            throw new WaymarkUsageException($"{path} already exists; nothing was written.");
        var className = "M" + id + "_" + string.Concat(slug.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        var down = downRevisions.Count switch
        {
            0 => "",
            1 => $", DownRevision = \"{downRevisions[0]}\"",
            _ => $", DownRevisions = [{string.Join(", ", downRevisions.Select(d => $"\"{d}\""))}]",
        };
        var source = new StringBuilder()
            .AppendLine("using Waymark.Revisions;")
            .AppendLine()
            .Append("namespace ").Append(@namespace).AppendLine(";")
            .AppendLine()
            .Append("[Revision(\"").Append(id).Append('"').Append(down).Append(", Message = ").Append(CSharpString(message)).AppendLine(")]")
            .Append("public sealed class ").Append(className).AppendLine(" : Migration")
            .AppendLine("{")
            .AppendLine("    public override void Upgrade(MigrationBuilder migrate)")
            .AppendLine("    {")
            .AppendLine("    }")
            .AppendLine()
            .AppendLine("    public override void Downgrade(MigrationBuilder migrate)")
            .AppendLine("    {")
            .AppendLine("    }")
            .AppendLine("}")
            .ToString();
        await File.WriteAllTextAsync(path, source, cancellationToken).ConfigureAwait(false);
        return path;
    }

    private static string NextId(RevisionGraph graph)
    {
        var ids = graph.Revisions.Select(r => r.Id).ToList();
        if (ids.Count > 0 && ids.All(id => id.All(char.IsAsciiDigit)))
        {
            var width = ids.Max(id => id.Length);
            var next = ids.Max(id => BigInteger.Parse(id, CultureInfo.InvariantCulture)) + 1;
            return next.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        }
        return Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    }

    private static string CSharpString(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in text)
        {
            literal.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return literal.Append('"').ToString();
    }

    private static string Slug(string message)
    {
        var words = new string([.. message.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('_', words.Take(8));
    }
}
