using System.Diagnostics;
using System.Globalization;
using MimeKit;

namespace TimeTracker.Tests.Email;

/// <summary>
/// A real SMTP server for a test: aiosmtpd listening on 127.0.0.1 at a free port, started by
/// <c>scripts/smtp-test-server</c>. It accepts every message without TLS or authentication and stores each one
/// in a Maildir, which the test reads back with <see cref="WaitForMessagesAsync"/> or <see cref="WaitForMessageToAsync"/>.
/// Dispose stops the server and removes its directory. If the test process ends without disposing, the script's
/// watchdog stops the server.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);
    // aiosmtpd delivers into new/; a Maildir reader would move a message it has seen into cur/.
    private static readonly string[] MaildirFolders = ["new", "cur"];

    private readonly string _script;
    private readonly string _directory;
    // Messages already parsed, by file path (a Maildir file never changes once it is in new/).
    private readonly Dictionary<string, MimeMessage> _parsed = new(StringComparer.Ordinal);
    private int _disposed;

    private SmtpTestServer(string script, string directory, int port)
    {
        _script = script;
        _directory = directory;
        Port = port;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    /// <summary>Starts a server. Needs bash, and root the first time if python3-aiosmtpd has to be installed.</summary>
    public static async Task<SmtpTestServer> StartAsync()
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "smtp-test-server");
        var directory = Path.Combine(Path.GetTempPath(), $"timetracker-smtp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            // The process id lets the script's watchdog stop the server when this process ends, however it ends.
            var output = await RunScriptAsync(script, "start", directory, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            if (!int.TryParse(output, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                throw new InvalidOperationException($"{script} start printed \"{output}\", not a port number");
            return new SmtpTestServer(script, directory, port);
        }
        catch
        {
            try
            {
                await RunScriptAsync(script, "stop", directory);
            }
            catch (InvalidOperationException)
            {
                // The start failure below is the one to report.
            }
            throw;
        }
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages have arrived, then returns every message received so far
    /// (possibly more than <paramref name="count"/>), oldest first.
    /// </summary>
    /// <exception cref="TimeoutException">Fewer than <paramref name="count"/> messages arrived within <paramref name="timeout"/>.</exception>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var messages = await ReceivedAsync();
            if (messages.Count >= count)
                return messages;
            if (elapsed.Elapsed >= timeout)
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Expected {count} message(s) at the test SMTP server {Host}:{Port} within {timeout.TotalSeconds:0.###} s, but {messages.Count} arrived."));
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Waits for the first message (oldest first) addressed to <paramref name="address"/> (case-insensitive), whether the
    /// address is in its To, Cc or Bcc header or only in the SMTP envelope.
    /// </summary>
    /// <exception cref="TimeoutException">No such message arrived within <paramref name="timeout"/>.</exception>
    public async Task<MimeMessage> WaitForMessageToAsync(string address, TimeSpan timeout, string? subjectContains = null)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var messages = await ReceivedAsync();
            foreach (var message in messages)
                if (IsAddressedTo(message, address) && (subjectContains is null || (message.Subject ?? "").Contains(subjectContains, StringComparison.Ordinal)))
                    return message;
            if (elapsed.Elapsed >= timeout)
            {
                var recipients = string.Join("; ", messages.Select(m => string.Join(", ", Recipients(m).Distinct(StringComparer.OrdinalIgnoreCase))));
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"No message to {address}{(subjectContains is null ? "" : $" with '{subjectContains}' in its subject")} arrived at the test SMTP server {Host}:{Port} within {timeout.TotalSeconds:0.###} s; "
                    + $"{messages.Count} message(s) arrived, to: [{recipients}]."));
            }
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Every message received so far that is addressed to <paramref name="address"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MessagesToAsync(string address) =>
        [.. (await ReceivedAsync()).Where(message => IsAddressedTo(message, address))];

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await RunScriptAsync(_script, "stop", _directory);
    }

    /// <summary>Every message received so far, oldest file first.</summary>
    private async Task<List<MimeMessage>> ReceivedAsync()
    {
        var maildir = Path.Combine(_directory, "maildir");
        var files = MaildirFolders
            .Select(folder => new DirectoryInfo(Path.Combine(maildir, folder)))
            .Where(folder => folder.Exists)
            .SelectMany(folder => folder.EnumerateFiles())
            .OrderBy(file => file.LastWriteTimeUtc)
            .ThenBy(file => file.Name, StringComparer.Ordinal)
            .ToList();
        var messages = new List<MimeMessage>(files.Count);
        foreach (var file in files)
        {
            if (!_parsed.TryGetValue(file.FullName, out var message))
            {
                message = await MimeMessage.LoadAsync(file.FullName);
                _parsed[file.FullName] = message;
            }
            messages.Add(message);
        }
        return messages;
    }

    private static bool IsAddressedTo(MimeMessage message, string address) =>
        Recipients(message).Any(recipient => string.Equals(recipient, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The addresses in the To, Cc and Bcc headers, then the envelope recipients aiosmtpd recorded in X-RcptTo.</summary>
    private static IEnumerable<string> Recipients(MimeMessage message)
    {
        foreach (var mailbox in message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes))
            yield return mailbox.Address;
        if (message.Headers["X-RcptTo"] is { } envelope)
            foreach (var recipient in envelope.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                yield return recipient;
    }

    /// <summary>Runs one of the repository's test scripts with bash; returns its standard output, trimmed.</summary>
    internal static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        var description = $"{script} {string.Join(' ', arguments)}";
        var start = new ProcessStartInfo("bash", [script, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"bash could not be started for {description}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(ScriptTimeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{description} did not finish in {ScriptTimeout.TotalMinutes} minutes"));
            }
        }
        var standardOutput = await output;
        var standardError = await error;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{description} failed ({process.ExitCode}): {standardError}");
        return standardOutput.Trim();
    }

    /// <summary>The repository's root folder (the one with Waymark.slnx), found above the test binaries.</summary>
    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Waymark.slnx")))
                return directory.FullName;
        throw new InvalidOperationException("The repository root (with Waymark.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
