using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace TimeTracker.Web.App;

/// <summary>
/// The built web app (web/dist), read from the resources the build embedded in this assembly (TimeTracker.csproj,
/// target WebAppEmbed), so that the executable alone serves it: nothing is read from disk, and a deploy cannot pair a
/// new server with an old app. Reading manifest resources needs no reflection over types, so Native AOT keeps it.
/// </summary>
internal sealed class WebAppFiles
{
    /// <summary>The prefix of the resources' logical names.</summary>
    public const string ResourcePrefix = "webapp/";

    /// <summary>The folder Vite writes content-hashed files into.</summary>
    public const string AssetsPath = "/assets/";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly FrozenDictionary<string, WebAppFile> _files;

    private WebAppFiles(FrozenDictionary<string, WebAppFile> files) => _files = files;

    /// <summary><c>index.html</c>, which every client route is answered with; null when the app was not embedded.</summary>
    public WebAppFile? Index => _files.GetValueOrDefault("/index.html");

    /// <summary>The file at <paramref name="path"/> (exact, case-sensitive, as URLs are), if there is one.</summary>
    public WebAppFile? Find(string path) => _files.GetValueOrDefault(path);

    /// <summary>
    /// Every file the assembly holds under <see cref="ResourcePrefix"/>. The <c>.br</c> and <c>.gz</c> files the build
    /// wrote beside a file (web/scripts/precompress.ts) become its encodings, not files of their own.
    /// </summary>
    public static WebAppFiles Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            var content = new byte[stream.Length];
            stream.ReadExactly(content);
            contents["/" + name[ResourcePrefix.Length..]] = content;
        }

        var files = new Dictionary<string, WebAppFile>(StringComparer.Ordinal);
        foreach (var (path, content) in contents)
        {
            if (EncodingOf(path) is { } encoding && contents.ContainsKey(encoding.Original))
                continue;
            var encodings = Encodings.Select(e => (e.Name, Bytes: contents.GetValueOrDefault(path + e.Suffix)))
                .Where(e => e.Bytes is not null)
                .Select(e => new WebAppEncoding(e.Name, e.Bytes, ETagOf(e.Bytes!, e.Name)))
                .ToList();
            files[path] = new WebAppFile(path, content, ContentTypeOf(path), ETagOf(content, encoding: null),
                path.StartsWith(AssetsPath, StringComparison.Ordinal), encodings);
        }
        return new WebAppFiles(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    // Best first: Brotli is about 13 % smaller than gzip on the app's scripts.
    private static readonly (string Name, string Suffix)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    private static (string Original, string Name)? EncodingOf(string path) =>
        Encodings.Where(e => path.EndsWith(e.Suffix, StringComparison.Ordinal))
            .Select(e => ((string Original, string Name)?)(path[..^e.Suffix.Length], e.Name))
            .FirstOrDefault();

    private static string ContentTypeOf(string path)
    {
        var type = ContentTypes.TryGetContentType(path, out var known) ? known : "application/octet-stream";
        // Stated, not sniffed: a browser guessing the charset of a script is how UTF-7 style attacks start.
        return type.StartsWith("text/", StringComparison.Ordinal)
            || type is "application/javascript" or "text/javascript" or "application/json" or "image/svg+xml"
            ? type + "; charset=utf-8"
            : type;
    }

    private static string ETagOf(byte[] content, string? encoding) =>
        "\"" + Convert.ToBase64String(SHA256.HashData(content).AsSpan(0, 12)).TrimEnd('=') + (encoding is null ? "" : "-" + encoding) + "\"";
}
