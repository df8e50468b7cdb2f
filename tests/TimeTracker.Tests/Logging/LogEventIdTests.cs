using System.Reflection;
using Microsoft.Extensions.Logging;

namespace TimeTracker.Tests.Logging;

/// <summary>
/// Each project declares its log messages in one <c>Log</c> class, and an event id names one message: TimeTracker
/// writes its own and Waymark's messages into one log, so an id is unique across all of them.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly string[] ProjectNames = ["TimeTracker", "Waymark", "Waymark.Sqlite", "Waymark.Postgres", "Waymark.Cli"];

    public static TheoryData<string> Projects => new(ProjectNames);

    [Theory]
    [MemberData(nameof(Projects))]
    public void Every_log_message_of_a_project_is_declared_in_its_Log_class(string project)
    {
        var elsewhere = Messages(project).Where(m => m.Method.DeclaringType!.FullName != $"{project}.Log")
            .Select(m => $"{m.Method.DeclaringType!.FullName}.{m.Method.Name}");

        Assert.Empty(elsewhere);
    }

    [Fact]
    public void No_two_log_messages_share_an_event_id()
    {
        var messages = ProjectNames.SelectMany(Messages).ToList();

        Assert.Contains(messages, m => m.Method.DeclaringType!.FullName == "TimeTracker.Log");
        Assert.Contains(messages, m => m.Method.DeclaringType!.FullName == "Waymark.Log");
        var shared = messages.GroupBy(m => m.Attribute.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => $"{m.Method.DeclaringType!.FullName}.{m.Method.Name}"))}");
        Assert.Empty(shared);
    }

    private static IEnumerable<(MethodInfo Method, LoggerMessageAttribute Attribute)> Messages(string project) =>
        from type in Assembly.Load(project).GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select (method, attribute);
}
