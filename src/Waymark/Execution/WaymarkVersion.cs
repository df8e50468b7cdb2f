using System.Reflection;

namespace Waymark.Execution;

/// <summary>
/// The version of this engine as its assembly declares it (the informational version, e.g. <c>0.1.0+3f2a9c1</c>). Recorded
/// with every checksum: the SQL of an unchanged migration may change when a new Waymark writes it differently.
/// </summary>
public static class WaymarkVersion
{
    /// <summary>The running engine's informational version.</summary>
    public static string Current { get; } =
        typeof(WaymarkVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(WaymarkVersion).Assembly.GetName().Version?.ToString(3) ?? "unknown";
}
