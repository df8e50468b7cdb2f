using Waymark.Execution;

namespace Waymark.Sqlite;

/// <summary>
/// Serialises migration runs on one SQLite file across processes with an exclusive lock on a file beside
/// it (.NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/> on Unix). The lock dies with
/// its process, so a killed run never leaves it held.
/// </summary>
internal sealed class SqliteFileLock : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private readonly FileStream _stream;

    private SqliteFileLock(FileStream stream) => _stream = stream;

    public static async Task<SqliteFileLock> AcquireAsync(string path, TimeSpan timeout, Action<string>? waiting, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var told = false;
        while (true)
        {
            try
            {
                return new SqliteFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!told)
                {
                    waiting?.Invoke($"another migration run on this machine holds {path}");
                    told = true;
                }
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new MigrationLockTimeoutException(path, timeout, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new DatabaseUnavailableException(path, "the lock file beside the database cannot be created: is the directory writable?", ex);
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
