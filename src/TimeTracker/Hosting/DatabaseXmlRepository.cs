using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using TimeTracker.Database;

namespace TimeTracker.Hosting;

/// <summary>
/// Keeps the Data Protection key ring in <c>data_protection_keys</c> (revision 020): every replica serving from the
/// same database reads the same keys, so a TOTP secret one replica encrypted, any other can decrypt.
/// </summary>
internal sealed class DatabaseXmlRepository(AppDatabase database, TimeProvider time) : IXmlRepository
{
    // Data Protection calls its repository synchronously, rarely (start-up, key rotation every 90 days).
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Task.Run(async () =>
        {
            var connection = await database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
                return await connection.QueryAsync(null, "SELECT xml FROM data_protection_keys ORDER BY id", r => XElement.Parse(r.GetString(0)), CancellationToken.None).ConfigureAwait(false);
        }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) =>
        Task.Run(async () =>
        {
            var connection = await database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
                await connection.ExecuteAsync(null, "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @now)", CancellationToken.None,
                    ("name", friendlyName), ("xml", element.ToString(SaveOptions.DisableFormatting)), ("now", time.GetUtcNow())).ConfigureAwait(false);
        }).GetAwaiter().GetResult();
}
