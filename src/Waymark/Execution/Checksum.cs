using System.Security.Cryptography;
using System.Text;
using Waymark.Dialects;

namespace Waymark.Execution;

/// <summary>
/// The checksum recorded for a migration: SHA-256 of its SQL as applied, parameters inlined, without the
/// statements that only put back what the table already had (<see cref="SqlStatement.CarriedOver"/>).
/// </summary>
internal static class Checksum
{
    public static string Of(IEnumerable<SqlStatement> statements, ISqlDialect dialect)
    {
        var text = string.Join("\n", statements.Where(s => !s.CarriedOver).Select(s => s.Inline(dialect)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
