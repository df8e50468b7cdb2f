namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// The kind of a stored password hash: its algorithm and cost, which set what checking a password against it costs.
/// Two hashes of one kind cost the same to check; a refused check costs one of each kind (<see cref="PasswordHashing"/>).
/// </summary>
internal static class PasswordHashKind
{
    /// <summary>How a PHC string of Argon2id starts.</summary>
    public const string Argon2idPrefix = "$argon2id$";

    /// <summary>
    /// How many leading characters of an Identity hash name its kind: base64 of its first 9 bytes, the format marker,
    /// the PRF and the iteration count.
    /// </summary>
    public const int IdentityKindLength = 12;

    /// <summary>The kind of a value in no format this server reads.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>
    /// The kind of <paramref name="hash"/>: an Argon2id hash up to the end of its parameters
    /// (<c>$argon2id$v=19$m=19456,t=2,p=1$</c>), an Identity hash by its first <see cref="IdentityKindLength"/>
    /// characters, anything else as one kind of its own.
    /// </summary>
    public static string Of(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (hash.StartsWith(Argon2idPrefix, StringComparison.Ordinal))
        {
            // $argon2id$v=19$m=…,t=…,p=…$ : the fourth dollar sign ends the parameters.
            var end = 0;
            for (var found = 1; found < 4; found++)
            {
                end = hash.IndexOf('$', end + 1);
                if (end < 0)
                    return Unreadable;
            }
            return hash[..(end + 1)];
        }
        // Identity's version 3 format: base64 of the byte 0x01, the PRF, the iteration count, the salt's length, the salt
        // and the subkey.
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length) && length > 13 && bytes[0] == 1 ? hash[..IdentityKindLength] : Unreadable;
    }
}
