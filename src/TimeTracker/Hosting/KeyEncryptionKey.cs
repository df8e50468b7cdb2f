using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using TimeTracker.Database;
using Waymark.Sqlite;

namespace TimeTracker.Hosting;

/// <summary>
/// The key that encrypts the Data Protection key ring before the ring is stored in the database. It lives in a file
/// outside the database (<c>DataProtection:KeyFile</c>), so that a dump of the database alone decrypts no TOTP
/// secret. The first start creates it: 32 random bytes, base64, in a file 0600 in a folder 0700.
/// </summary>
internal sealed class KeyEncryptionKey
{
    /// <summary>AES-256.</summary>
    public const int Size = 32;

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private KeyEncryptionKey(byte[] key, string path)
    {
        Key = key;
        Path = path;
        // Names the key in each entry it encrypts, so that a wrong key file is told apart from a damaged entry.
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    /// <summary>The file the key was read from.</summary>
    public string Path { get; }

    /// <summary>A fingerprint of the key (not the key): the first 8 bytes of its SHA-256, in hex.</summary>
    public string Id { get; }

    /// <summary>The key's bytes.</summary>
    public byte[] Key { get; }

    /// <summary>
    /// Where the key file is unless <c>DataProtection:KeyFile</c> says: beside a SQLite database
    /// (<c>app.db</c> → <c>app.db.keys/key-encryption.key</c>), else in the user's data folder
    /// (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c>, <c>timetracker/keys/key-encryption.key</c>).
    /// </summary>
    public static string DefaultPath(AppDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider is SqliteDatabaseProvider sqlite)
            return System.IO.Path.Combine(
                System.IO.Path.GetFullPath(new SqliteConnectionStringBuilder(sqlite.ConnectionString).DataSource) + ".keys", "key-encryption.key");
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return System.IO.Path.Combine(string.IsNullOrEmpty(data) ? AppContext.BaseDirectory : data, "timetracker", "keys", "key-encryption.key");
    }

    /// <summary>The key in <paramref name="path"/>, made there first if there is no such file.</summary>
    /// <exception cref="ApiConfigurationException">The file cannot be read or made, or holds no key.</exception>
    public static KeyEncryptionKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = System.IO.Path.GetFullPath(path);
        try
        {
            if (!File.Exists(path))
                Create(path);
            var text = File.ReadAllText(path).Trim();
            var key = new byte[Size];
            if (!Convert.TryFromBase64String(text, key, out var length) || length != Size)
                throw new ApiConfigurationException($"The Data Protection key file {path} (DataProtection:KeyFile) does not hold a key: " +
                    $"it must be {Size} bytes in base64, as the first start writes it. Restore it from the backup.");
            return new KeyEncryptionKey(key, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ApiConfigurationException(
                $"The Data Protection key file {path} (DataProtection:KeyFile) cannot be read or created: {ex.Message}");
        }
    }

    // Written aside and linked into place without overwriting, so that replicas starting together on a shared folder
    // end up with one key, and none reads a half-written file.
    private static void Create(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        var aside = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnlyFile;
        try
        {
            using (var file = new StreamWriter(aside, System.Text.Encoding.ASCII, options))
                file.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(Size)));
            File.Move(aside, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process made it first: theirs is the key.
        }
        finally
        {
            File.Delete(aside);
        }
    }
}
