namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// The <c>Accounts:PasswordHash</c> configuration section: how new password hashes are made. By default Argon2id (one
/// lane) at OWASP's recommended minimum: 19 MiB of memory and 2 passes over it. <c>PBKDF2</c> makes them with ASP.NET
/// Core Identity's <c>PasswordHasher</c> instead, for deployments that FIPS 140 holds to PBKDF2; its cost is Identity's
/// own setting, <c>Accounts:PasswordHasher:IterationCount</c>.
/// </summary>
internal sealed class PasswordHashOptions
{
    /// <summary>The value of <see cref="Algorithm"/> that selects Argon2id.</summary>
    public const string Argon2id = "Argon2id";

    /// <summary>The value of <see cref="Algorithm"/> that selects Identity's PBKDF2.</summary>
    public const string Pbkdf2 = "PBKDF2";

    /// <summary>The least memory libsodium's Argon2id accepts, in KiB.</summary>
    public const int MinMemorySize = 8;

    /// <summary>The most memory a hash may fill, in KiB: its size in bytes must fit in an <see cref="int"/>.</summary>
    public const int MaxMemorySize = int.MaxValue / 1024;

    /// <summary><see cref="Argon2id"/> or <see cref="Pbkdf2"/> (either case): what new hashes are made with.</summary>
    public string Algorithm { get; set; } = Argon2id;

    /// <summary>KiB of memory each Argon2id hash fills (Argon2's <c>m</c>).</summary>
    public int MemorySize { get; set; } = 19 * 1024;

    /// <summary>Passes over that memory (Argon2's <c>t</c>).</summary>
    public int Iterations { get; set; } = 2;

    /// <summary>Whether new hashes are Identity's PBKDF2 ones.</summary>
    public bool UsesPbkdf2 => string.Equals(Algorithm, Pbkdf2, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why these values cannot be used, naming the setting; null when they can.</summary>
    public string? Problem =>
        !UsesPbkdf2 && !string.Equals(Algorithm, Argon2id, StringComparison.OrdinalIgnoreCase)
            ? $"Accounts:PasswordHash:Algorithm is '{Algorithm}'; it must be {Argon2id} (the default) or {Pbkdf2}."
        : MemorySize is < MinMemorySize or > MaxMemorySize
            ? $"Accounts:PasswordHash:MemorySize is {MemorySize}; it must be from {MinMemorySize} to {MaxMemorySize} " +
                "(KiB; the default is 19456, 19 MiB)."
        : Iterations < 1 ? $"Accounts:PasswordHash:Iterations is {Iterations}; it must be at least 1 (the default is 2)."
        : null;
}
