using Microsoft.AspNetCore.Identity;

namespace TimeTracker.Accounts.Passwords;

/// <summary>
/// Password hashes through ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, its current
/// iteration count). Checking against an unknown account still costs one hash, so timing does not tell
/// whether an account exists.
/// </summary>
internal sealed class PasswordHashing
{
    private readonly PasswordHasher<UserAccount> _hasher;
    private readonly string _decoy;

    /// <summary>Creates the hasher with Identity's options.</summary>
    public PasswordHashing(Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<UserAccount>(options);
        _decoy = _hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));
    }

    /// <summary>A new hash of <paramref name="password"/>.</summary>
    public string Hash(string password) => _hasher.HashPassword(null!, password);

    /// <summary>Whether the password matches, and whether its hash should be replaced with one made with today's parameters.</summary>
    public (bool Matches, bool Rehash) Verify(string? hash, string password)
    {
        var result = _hasher.VerifyHashedPassword(null!, hash ?? _decoy, password);
        return hash is null ? (false, false) : (result != PasswordVerificationResult.Failed, result == PasswordVerificationResult.SuccessRehashNeeded);
    }
}
