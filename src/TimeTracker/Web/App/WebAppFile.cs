namespace TimeTracker.Web.App;

/// <summary>One file of the built web app, held in memory with what its responses need.</summary>
/// <param name="Path">The URL path it is served at (<c>/assets/index-3f2a9c.js</c>).</param>
/// <param name="Content">Its bytes.</param>
/// <param name="ContentType">Its media type (with <c>charset=utf-8</c> for text).</param>
/// <param name="ETag">A strong validator computed from the bytes, so that a revalidation answers 304 without the body.</param>
/// <param name="Immutable">Whether its name carries a hash of its content (Vite's <c>/assets/</c>), so it may be cached forever.</param>
/// <param name="Encodings">Its compressed forms, best first (Brotli, then gzip); empty for files not worth compressing.</param>
internal sealed record WebAppFile(
    string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag, bool Immutable, IReadOnlyList<WebAppEncoding> Encodings);
