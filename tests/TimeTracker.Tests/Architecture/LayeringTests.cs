using System.Reflection;
using NetArchTest.Rules;
using TimeTracker.Hosting;

namespace TimeTracker.Tests.Architecture;

/// <summary>
/// TimeTracker's layering (docs/api.md, "Layers"): <c>TimeTracker.Web</c> owns HTTP and calls the features; the
/// features (Accounts, Organizations, Tracking, Billing, Email) know nothing of HTTP, of the web layer or of the host,
/// and reference each other one way only.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly App = typeof(ApiHost).Assembly;

    private static readonly string[] Features = ["Accounts", "Organizations", "Tracking", "Billing", "Email"];

    private static readonly string[] HttpNamespaces =
    [
        "TimeTracker.Web",
        "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Builder",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.Authentication",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Server",
        "Microsoft.AspNetCore.WebUtilities",
        "System.Security.Claims",
    ];

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void A_feature_references_neither_the_web_layer_nor_ASP_NET_Core_HTTP_nor_claims(string feature)
    {
        var result = Types.InAssembly(App).That().ResideInNamespace(Namespace(feature))
            .ShouldNot().HaveDependencyOnAny(HttpNamespaces).GetResult();

        Assert.True(result.IsSuccessful, $"{feature} references HTTP: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void A_feature_references_nothing_of_the_host(string feature)
    {
        var forbidden = App.GetTypes()
            .Where(t => t.Namespace == "TimeTracker.Hosting" && !t.IsNested)
            .Select(t => t.FullName!).ToArray();

        // The operator commands (timetracker accounts …, events …) are the command line's layer beside their
        // feature, as the endpoints are the web's: like ServeCommand they run on the host's OperatorCommands.
        var result = Types.InAssembly(App).That().ResideInNamespace(Namespace(feature)).And().DoNotResideInNamespace(Namespace(feature) + ".Commands")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"{feature} references the host: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void No_two_features_depend_on_each_other_even_through_a_third()
    {
        var dependencies = FeatureDependencies();

        var cycles = Features.Select(feature => CycleFrom(feature, dependencies)).OfType<string>().ToList();

        Assert.True(cycles.Count == 0, "Features depend on each other in a circle: " + string.Join("; ", cycles) +
            ". Edges: " + string.Join("; ", dependencies.SelectMany(d => d.Value.Select(to => $"{d.Key} → {to.Key} ({to.Value})"))));
    }

    [Fact]
    public void The_rules_see_dependencies_where_there_are_some()
    {
        // Against rules that pass only because they match nothing: the web layer does use HTTP and the features.
        Assert.False(Types.InAssembly(App).That().ResideInNamespace("TimeTracker.Web")
            .ShouldNot().HaveDependencyOn("Microsoft.AspNetCore.Http").GetResult().IsSuccessful);
        Assert.False(Types.InAssembly(App).That().ResideInNamespace("TimeTracker.Web")
            .ShouldNot().HaveDependencyOn("System.Security.Claims").GetResult().IsSuccessful);
        Assert.Contains("Organizations", FeatureDependencies()["Tracking"].Keys);
    }

    public static TheoryData<string> FeatureNames() => [.. Features];

    private static string Namespace(string feature) => "TimeTracker." + feature;

    // For each feature, the features it references, each with one type that does so.
    private static Dictionary<string, Dictionary<string, string>> FeatureDependencies() =>
        Features.ToDictionary(from => from, from => Features.Where(to => to != from)
            .Select(to => (To: to, Result: Types.InAssembly(App).That().ResideInNamespace(Namespace(from))
                .ShouldNot().HaveDependencyOn(Namespace(to)).GetResult()))
            .Where(d => !d.Result.IsSuccessful)
            .ToDictionary(d => d.To, d => d.Result.FailingTypeNames[0]));

    // The first circle through start ("A → B → A"), or null.
    private static string? CycleFrom(string start, Dictionary<string, Dictionary<string, string>> dependencies)
    {
        var path = new List<string> { start };
        return Walk(start);

        string? Walk(string at)
        {
            foreach (var next in dependencies[at].Keys)
            {
                if (next == start)
                    return string.Join(" → ", path.Append(start));
                if (path.Contains(next))
                    continue;
                path.Add(next);
                if (Walk(next) is { } cycle)
                    return cycle;
                path.RemoveAt(path.Count - 1);
            }
            return null;
        }
    }
}
