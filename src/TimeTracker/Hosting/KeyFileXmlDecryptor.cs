using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace TimeTracker.Hosting;

/// <summary>
/// Opens a key ring secret <see cref="KeyFileXmlEncryptor"/> sealed. Data Protection creates it by the type name stored
/// with the secret, passing the application's services, where the <see cref="KeyEncryptionKey"/> is.
/// </summary>
internal sealed class KeyFileXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly KeyEncryptionKey _key = services.GetRequiredService<KeyEncryptionKey>();

    /// <inheritdoc />
    public XElement Decrypt(XElement encryptedElement) => KeyFileXmlEncryptor.Decrypt(encryptedElement, _key);
}
