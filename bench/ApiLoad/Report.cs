using System.Globalization;

namespace ApiLoad;

/// <summary>One line of results: operations per second and latency percentiles.</summary>
internal static class Report
{
    public static string Line(string name, List<double> latencies, TimeSpan elapsed)
    {
        var (p50, p99, max) = Percentiles(latencies);
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} {latencies.Count / elapsed.TotalSeconds,9:0.0}/s   p50 {p50,7:0.00} ms   p99 {p99,7:0.00} ms   max {max,7:0.00} ms   (n={latencies.Count})");
    }

    /// <summary>How late an open loop's requests started (the load generator's own share of their latency).</summary>
    public static string StartedLate(List<double> lateness)
    {
        var (p50, p99, _) = Percentiles(lateness);
        return string.Create(CultureInfo.InvariantCulture, $"   (sent late: p50 {p50:0.00} ms, p99 {p99:0.00} ms)");
    }

    private static (double P50, double P99, double Max) Percentiles(List<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        double At(double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        return (At(0.50), At(0.99), sorted.LastOrDefault());
    }
}
