namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// The <c>Accounts:PasswordHash</c> configuration section: the cost of new password hashes (Argon2id, one lane).
/// The defaults are OWASP's recommended minimum for Argon2id: 19 MiB of memory and 2 passes over it.
/// </summary>
internal sealed class PasswordHashOptions
{
    /// <summary>The least memory libsodium's Argon2id accepts, in KiB.</summary>
    public const int MinMemorySize = 8;

    /// <summary>The most memory a hash may fill, in KiB: its size in bytes must fit in an <see cref="int"/>.</summary>
    public const int MaxMemorySize = int.MaxValue / 1024;

    /// <summary>KiB of memory each hash fills (Argon2's <c>m</c>).</summary>
    public int MemorySize { get; set; } = 19 * 1024;

    /// <summary>Passes over that memory (Argon2's <c>t</c>).</summary>
    public int Iterations { get; set; } = 2;

    /// <summary>Why these values cannot be used, naming the setting; null when they can.</summary>
    public string? Problem =>
        MemorySize is < MinMemorySize or > MaxMemorySize
            ? $"Accounts:PasswordHash:MemorySize is {MemorySize}; it must be from {MinMemorySize} to {MaxMemorySize} " +
                "(KiB; the default is 19456, 19 MiB)."
        : Iterations < 1 ? $"Accounts:PasswordHash:Iterations is {Iterations}; it must be at least 1 (the default is 2)."
        : null;
}
