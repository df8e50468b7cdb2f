using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace TimeTracker.Hosting;

/// <summary>
/// Encrypts each secret of the Data Protection key ring (a key's <c>masterKey</c>) with the
/// <see cref="KeyEncryptionKey"/>, AES-256-GCM, before the ring is stored in the database. Data Protection records
/// <see cref="KeyFileXmlDecryptor"/> beside it to open it again.
/// </summary>
internal sealed class KeyFileXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    /// <summary>The element that holds an encrypted secret.</summary>
    public static readonly XName Element = XName.Get("encryptedKey", "urn:timetracker:data-protection");

    // Binds the ciphertext to its use: a blob encrypted with this key for anything else does not open here.
    internal static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes("timetracker data protection key ring v1");

    private const int NonceSize = 12, TagSize = 16;

    /// <summary>Data Protection creates the decryptor by the type name it stored; the trimmer must keep its constructor.</summary>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(KeyFileXmlDecryptor))]
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Key, TagSize))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData);
        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement(
            Element, new XAttribute("kek", key.Id), new XAttribute("algorithm", "AES-256-GCM"), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }

    /// <summary>Opens what <see cref="Encrypt"/> sealed.</summary>
    /// <exception cref="CryptographicException">It was sealed with another key file's key, or altered.</exception>
    internal static XElement Decrypt(XElement encryptedElement, KeyEncryptionKey key)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != Element)
            throw new CryptographicException(
                $"A Data Protection key is encrypted as {encryptedElement.Name}, which TimeTracker's key file cannot open.");
        var kek = (string?)encryptedElement.Attribute("kek");
        if (kek != key.Id)
            throw new CryptographicException($"A Data Protection key was encrypted with the key file whose fingerprint is {kek}, " +
                $"but {key.Path} (DataProtection:KeyFile) holds {key.Id}. Restore the key file every replica shares from its backup.");
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        if (sealedBytes.Length < NonceSize + TagSize)
            throw new CryptographicException("A Data Protection key's encrypted secret is truncated.");
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(key.Key, TagSize))
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain,
                AssociatedData);
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
