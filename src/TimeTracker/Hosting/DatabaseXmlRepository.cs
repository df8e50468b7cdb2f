using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;
using TimeTracker.Database;

namespace TimeTracker.Hosting;

/// <summary>
/// Keeps the Data Protection key ring in <c>data_protection_keys</c> (revision 020): every replica serving from the
/// same database reads the same keys, so a TOTP secret one replica encrypted, any other can decrypt. Each key's
/// secret is stored encrypted with the <see cref="KeyEncryptionKey"/>, which is not in the database. A key an older
/// version stored in plain text is encrypted in place the first time the ring is read.
/// </summary>
internal sealed class DatabaseXmlRepository(
    AppDatabase database, TimeProvider time, KeyFileXmlEncryptor encryptor, ILogger<DatabaseXmlRepository> logger) : IXmlRepository
{
    // Data Protection's own markers (XmlConstants): the element of a key that must be encrypted, and the wrapper of one that is.
    private const string DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = XName.Get("requiresEncryption", DataProtectionNamespace);
    private static readonly XName EncryptedSecret = XName.Get("encryptedSecret", DataProtectionNamespace);
    private static readonly XName DecryptorType = "decryptorType";

    // Data Protection calls its repository synchronously, rarely (start-up, key rotation every 90 days).
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Task.Run(async () =>
        {
            var session = await database.OpenSessionAsync(CancellationToken.None);
            await using (session)
            {
                var rows = await session.QueryAsync("SELECT id, xml FROM data_protection_keys ORDER BY id",
                    r => (Id: r.Int64("id"), Element: XElement.Parse(r.String("xml"))), CancellationToken.None);
                foreach (var (id, element) in rows)
                {
                    if (!SealPlainSecrets(element))
                        continue;
                    await session.ExecuteAsync("UPDATE data_protection_keys SET xml = @xml WHERE id = @id", CancellationToken.None,
                        ("xml", element.ToString(SaveOptions.DisableFormatting)), ("id", id));
                    Log.DataProtectionKeySealed(
                        logger, (string?)element.Attribute("id") ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                return rows.Select(r => r.Element).ToList();
            }
        }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) =>
        Task.Run(async () =>
        {
            var session = await database.OpenSessionAsync(CancellationToken.None);
            await using (session)
                await session.ExecuteAsync(
                    "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @now)", CancellationToken.None,
                    ("name", friendlyName), ("xml", element.ToString(SaveOptions.DisableFormatting)), ("now", time.GetUtcNow()));
        }).GetAwaiter().GetResult();

    // What Data Protection does when it stores a key with an encryptor configured: each element marked
    // requiresEncryption is replaced by an encryptedSecret naming the decryptor. Returns whether any was plain.
    private bool SealPlainSecrets(XElement element)
    {
        var plain = element.DescendantsAndSelf().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList();
        foreach (var secret in plain)
        {
            var sealedSecret = encryptor.Encrypt(secret);
            secret.ReplaceWith(new XElement(
                EncryptedSecret, new XAttribute(DecryptorType, sealedSecret.DecryptorType.AssemblyQualifiedName!), sealedSecret.EncryptedElement));
        }
        return plain.Count > 0;
    }
}
