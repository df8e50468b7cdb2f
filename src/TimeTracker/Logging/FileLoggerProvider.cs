using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace TimeTracker.Logging;

/// <summary>
/// Appends every log entry to one file (<c>logs/timetracker.log</c>). Each entry is one append (see
/// <see cref="AppendOnlyFile"/>), so several processes (parallel deploy jobs) can log to the same file. Each entry's
/// values are one line, with secrets masked (<see cref="LogEntryText"/>); the file is the owner's alone.
/// </summary>
internal sealed class FileLoggerProvider(string path, LogLevel minimumLevel, TimeProvider time) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private AppendOnlyFile? _file;
    private bool _unavailable;

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var line = new StringBuilder()
            .Append(time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .Append(" [").Append(Level(level)).Append("] ")
            .Append('(').Append(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)).Append(") ")
            .Append(category).Append(": ").Append(message);
        if (exception is not null)
            line.Append('\n').Append(SettingRedactor.Redact(exception.ToString()));
        line.Append('\n');
        var bytes = Encoding.UTF8.GetBytes(line.ToString());
        lock (_gate)
        {
            if (_unavailable)
                return;
            try
            {
                if (_file is null)
                {
                    // Entries name users and addresses: the folder, when we make it, is the owner's alone (the file is 0600).
                    var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
                    if (OperatingSystem.IsWindows())
                        Directory.CreateDirectory(folder);
                    else
                        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    _file = new AppendOnlyFile(path);
                }
                _file.Write(bytes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Logging must never stop a command: a read-only working directory only loses the log file.
                _unavailable = true;
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider._minimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                provider.Write(category, logLevel, LogEntryText.Format(state, exception, formatter), exception);
        }
    }

    private readonly LogLevel _minimumLevel = minimumLevel;
}
