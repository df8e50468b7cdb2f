using System.Globalization;

namespace ApiLoad;

/// <summary>One line of results: operations per second and latency percentiles.</summary>
internal static class Report
{
    public static string Line(string name, List<double> latencies, TimeSpan elapsed)
    {
        var sorted = latencies.Order().ToList();
        double At(double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{name,-40} {sorted.Count / elapsed.TotalSeconds,9:0.0}/s   p50 {At(0.50),7:0.00} ms   p99 {At(0.99),7:0.00} ms   max {sorted.LastOrDefault(),7:0.00} ms   (n={sorted.Count})");
    }
}
