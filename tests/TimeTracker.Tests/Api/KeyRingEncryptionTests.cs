using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeTracker.Hosting;

namespace TimeTracker.Tests.Api;

/// <summary>
/// The Data Protection key ring is in the database and its key in a file outside it: a dump of the database alone
/// opens no TOTP secret; the database with its key file opens every one, across restarts and key rotations.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KeyRingEncryptionTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    // The purpose TOTP secrets are protected with (Accounts/TwoFactor/TwoFactorAuthentication.cs).
    private const string TotpPurpose = "TimeTracker.Accounts.TotpSecret.v1";
    private static readonly byte[] TotpSecret = RandomNumberGenerator.GetBytes(20);

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_copy_of_the_database_without_its_key_file_cannot_decrypt_a_totp_secret_and_with_the_key_file_can(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var sealedSecret = Protector(api).Protect(TotpSecret);
        var copy = await CopyAsync(api);

        // What the dump holds: keys whose secret is encrypted, never a master key in plain text.
        var ring = await api.SqlAsync("SELECT xml FROM data_protection_keys");
        Assert.NotEmpty(ring);
        Assert.All(ring, xml => Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal));
        Assert.All(ring, xml => Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal));

        // The thief's server: the database copy, and a key file of its own (the first start makes one where there is none).
        var thiefKeys = Path.Combine(Path.GetTempPath(), "timetracker-thief-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var thief = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["DataProtection:KeyFile"] = Path.Combine(thiefKeys, "key") }, copy))
                Assert.ThrowsAny<CryptographicException>(() => Protector(thief).Unprotect(sealedSecret));
            Assert.ThrowsAny<CryptographicException>(() => Unprotect(ring, new KeyFromFile(Path.Combine(thiefKeys, "key")), sealedSecret));
        }
        finally
        {
            Directory.Delete(thiefKeys, recursive: true);
        }

        await using var restored = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["DataProtection:KeyFile"] = api.KeyFile }, copy);
        Assert.Equal(TotpSecret, Protector(restored).Unprotect(sealedSecret));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Secrets_sealed_before_a_key_rotation_stay_readable_after_it_and_after_a_restart(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var before = Protector(api).Protect(TotpSecret);
        // A rotation: a new key, active now. A server loading the ring from then on seals with it.
        api.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));

        await using var restarted = await TestApi.StartAsync(dialect, smtp.Server, existingDatabaseUrl: api.DatabaseUrl);
        var after = Protector(restarted).Protect(TotpSecret);

        Assert.Equal(api.KeyFile, restarted.KeyFile);
        Assert.NotEqual(KeyIdOf(before), KeyIdOf(after));
        Assert.Equal(TotpSecret, Protector(restarted).Unprotect(before));
        Assert.Equal(TotpSecret, Protector(restarted).Unprotect(after));
        var ring = await api.SqlAsync("SELECT xml FROM data_protection_keys");
        Assert.Equal(2, ring.Count);
        Assert.All(ring, xml => Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_key_ring_an_older_version_stored_in_plain_text_still_opens_its_secrets_and_is_encrypted_when_next_read(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        // An older version: the same ring, stored without an encryptor.
        var legacy = new List<XElement>();
        var oldSecret = Legacy(legacy).CreateProtector(TotpPurpose).Protect(TotpSecret);
        var database = api.Services.GetDatabase();
        var session = await database.OpenSessionAsync(CancellationToken.None);
        await using (session)
        {
            foreach (var element in legacy)
                await session.ExecuteAsync("INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @now)", CancellationToken.None,
                    ("name", "key-" + (string?)element.Attribute("id")), ("xml", element.ToString(SaveOptions.DisableFormatting)), ("now", DateTimeOffset.UtcNow));
        }
        Assert.Single(await api.SqlAsync("SELECT xml FROM data_protection_keys"), xml => xml.Contains("masterKey", StringComparison.Ordinal));

        Assert.Equal(TotpSecret, Protector(api).Unprotect(oldSecret));

        var ring = await api.SqlAsync("SELECT xml FROM data_protection_keys");
        Assert.All(ring, xml => Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal));
        Assert.Contains(api.Log.Entries, e => e.Message.Contains("was stored in plain text by an older version; it is now encrypted", StringComparison.Ordinal));
        await using var restarted = await TestApi.StartAsync(dialect, smtp.Server, existingDatabaseUrl: api.DatabaseUrl);
        Assert.Equal(TotpSecret, Protector(restarted).Unprotect(oldSecret));
        Assert.ThrowsAny<CryptographicException>(() => Unprotect(ring, new KeyFromFile(Path.Combine(Path.GetTempPath(), "timetracker-thief-" + Guid.NewGuid().ToString("N"), "key")), oldSecret));
    }

    [Fact]
    public async Task The_first_start_creates_the_key_file_beside_the_sqlite_database_0600_in_a_folder_0700()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        Assert.Equal(api.DatabaseUrl["sqlite:///".Length..] + ".keys", Path.GetDirectoryName(api.KeyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(api.KeyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(api.KeyFile)!));
        Assert.Equal(KeyEncryptionKey.Size, Convert.FromBase64String(await File.ReadAllTextAsync(api.KeyFile)).Length);
    }

    [Fact]
    public async Task A_key_file_that_holds_no_key_stops_the_start_naming_the_setting()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "not a key");
            var refused = await Assert.ThrowsAsync<ApiConfigurationException>(() => TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { ["DataProtection:KeyFile"] = file }));
            Assert.Contains("DataProtection:KeyFile", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IDataProtector Protector(TestApi api) => api.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(TotpPurpose);

    // A protected payload starts with a 4-byte magic header, then the id of the key that sealed it.
    private static Guid KeyIdOf(byte[] sealedSecret) => new(sealedSecret.AsSpan(4, 16));

    /// <summary>A consistent copy of the database, as a dump would give it (PostgreSQL: the same database, read by another server).</summary>
    private static async Task<string> CopyAsync(TestApi api)
    {
        if (!api.DatabaseUrl.StartsWith("sqlite:///", StringComparison.Ordinal))
            return api.DatabaseUrl;
        var copy = Path.Combine(Path.GetDirectoryName(api.DatabaseUrl["sqlite:///".Length..])!, "copy", "stolen.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        await api.SqlAsync($"VACUUM INTO '{copy}'");
        return "sqlite:///" + copy;
    }

    /// <summary>What a thief would do with the dumped rows: Data Protection over them, with a key file of their own.</summary>
    private static byte[] Unprotect(IReadOnlyList<string> ring, KeyFromFile key, byte[] sealedSecret)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(KeyEncryptionKey.LoadOrCreate(key.Path));
        services.AddDataProtection().SetApplicationName("timetracker");
        services.Configure<KeyManagementOptions>(options =>
        {
            options.XmlRepository = new Dumped([.. ring.Select(XElement.Parse)]);
            options.AutoGenerateKeys = false;
        });
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IDataProtectionProvider>().CreateProtector(TotpPurpose).Unprotect(sealedSecret);
    }

    private static IDataProtectionProvider Legacy(List<XElement> stored)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error));
        services.AddDataProtection().SetApplicationName("timetracker");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new Dumped(stored));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    private sealed record KeyFromFile(string Path);

    private sealed class Dumped(List<XElement> elements) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => [.. elements];

        public void StoreElement(XElement element, string friendlyName) => elements.Add(element);
    }
}
