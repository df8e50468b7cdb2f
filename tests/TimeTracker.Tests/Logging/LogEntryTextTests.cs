using Microsoft.Extensions.Logging;
using TimeTracker.Logging;

namespace TimeTracker.Tests.Logging;

/// <summary>The text of a log entry: values on one line, secrets masked, the template as written.</summary>
public sealed partial class LogEntryTextTests
{
    [Fact]
    public void A_value_with_line_breaks_is_escaped_while_the_templates_own_line_break_stays()
    {
        var entry = Capture(logger => Forged(logger, "Eve\r\n2026-01-01 00:00:00.000Z [crit] (1) TimeTracker: forged", "line one\nline two"));

        Assert.Equal("Hello Eve\\r\\n2026-01-01 00:00:00.000Z [crit] (1) TimeTracker: forged\nline one\\nline two", entry);
    }

    [Fact]
    public void Values_are_formatted_as_microsoft_extensions_logging_formats_them_and_secret_settings_are_masked()
    {
        var entry = Capture(logger => Formatted(logger, 2.5, Items, null, "--Jwt:SigningKey=abc"));

        Assert.Equal("{literal}  2.5 a, b (null) --Jwt:SigningKey=***", entry);
    }

    [Fact]
    public void A_message_without_a_template_is_one_line() =>
        Assert.Equal("a\\nb\\u001bc", LogEntryText.Format("a\nb\u001bc", null, (state, _) => state));

    private static string Capture(Action<ILogger> log)
    {
        var logger = new Recorder();
        log(logger);
        return logger.Entry!;
    }

    private static readonly string[] Items = ["a", "b"];

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{{literal}} {Count,4:0.0} {Items} {Missing} {Arguments}")]
    private static partial void Formatted(ILogger logger, double count, string[] items, string? missing, string arguments);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Hello {Name}\n{Body}")]
    private static partial void Forged(ILogger logger, string name, string body);

    private sealed class Recorder : ILogger
    {
        public string? Entry { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entry = LogEntryText.Format(state, exception, formatter);
    }
}
