namespace TimeTracker.Web.App;

/// <summary>A compressed form of a web app file that the build wrote beside it (<c>index-3f2a.js.br</c>).</summary>
/// <param name="Name">The <c>Content-Encoding</c> it is sent with: <c>br</c> or <c>gzip</c>.</param>
/// <param name="Content">The compressed bytes.</param>
/// <param name="ETag">Its own validator: RFC 9110 makes each representation's ETag distinct, or a cache could hand a
/// gzip body to a client that asked for Brotli.</param>
internal sealed record WebAppEncoding(string Name, ReadOnlyMemory<byte> Content, string ETag);
