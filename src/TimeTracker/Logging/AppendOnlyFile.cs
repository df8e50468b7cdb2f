using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TimeTracker.Logging;

/// <summary>
/// A file that several processes append whole entries to without overwriting each other. .NET's
/// <see cref="FileMode.Append"/> writes at the offset it remembered, so on Linux the file is opened with the
/// system's own <c>O_APPEND</c>, where every write lands at the current end, atomically.
/// </summary>
internal sealed partial class AppendOnlyFile : IDisposable
{
    private const int WriteOnly = 0x1, Create = 0x40, Append = 0x400, CloseOnExec = 0x80000;
    private const int ReadWriteForOwnerOnly = 384; // 0600: entries name users, addresses and what they did

    private readonly SafeFileHandle? _handle;
    private readonly FileStream? _stream;

    public AppendOnlyFile(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var descriptor = OpenFile(path, WriteOnly | Create | Append | CloseOnExec, ReadWriteForOwnerOnly);
            if (descriptor < 0)
                throw new IOException($"Cannot open {path} for appending (errno {Marshal.GetLastPInvokeError()}).");
            _handle = new SafeFileHandle(descriptor, ownsHandle: true);
            // A file an older version created 0644 is narrowed too (only its owner may; another user's file stays as it is).
            if ((File.GetUnixFileMode(_handle) & (
                UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            {
                try
                {
                    File.SetUnixFileMode(_handle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                catch (UnauthorizedAccessException)
                {
                    // Shared with another user on purpose: their choice, and logging goes on.
                }
            }
        }
        else
        {
            _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        }
    }

    /// <summary>Appends one entry in a single write.</summary>
    public void Write(ReadOnlySpan<byte> entry)
    {
        if (_handle is not null)
        {
            // With O_APPEND, Linux appends a pwrite at the end whatever offset it is given.
            RandomAccess.Write(_handle, entry, fileOffset: 0);
            return;
        }
        _stream!.Seek(0, SeekOrigin.End);
        _stream.Write(entry);
        _stream.Flush();
    }

    public void Dispose()
    {
        _handle?.Dispose();
        _stream?.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int OpenFile(string path, int flags, int mode);
}
