using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts;
using TimeTracker.Accounts.Passwords;

namespace TimeTracker.Tests.Accounts;

/// <summary>
/// Argon2id password hashes, made and checked on the hashing threads; Identity's PBKDF2 hashes still checked, and made
/// where PBKDF2 is configured.
/// </summary>
public sealed class PasswordHashingTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_new_hash_is_Argon2id_in_the_PHC_format_with_the_configured_cost_and_a_salt_of_its_own()
    {
        using var hashing = Hashing(memory: 64, iterations: 3);

        var first = await hashing.HashAsync(Password, CancellationToken.None);
        var second = await hashing.HashAsync(Password, CancellationToken.None);

        Assert.StartsWith("$argon2id$v=19$m=64,t=3,p=1$", first, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_default_cost_is_OWASPs_minimum_for_Argon2id()
    {
        using var hashing = new PasswordHashing(Options.Create(new PasswordHashOptions()), Options.Create(new PasswordHasherOptions()));

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", await hashing.HashAsync(Password, CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hash_matches_its_password_only_and_an_absent_hash_never_matches()
    {
        using var hashing = Hashing();
        var hash = await hashing.HashAsync(Password, CancellationToken.None);

        Assert.Equal((true, false), await hashing.VerifyAsync(hash, Password, CancellationToken.None));
        Assert.Equal((false, false), await hashing.VerifyAsync(hash, Password + "!", CancellationToken.None));
        // An unknown account is checked against a decoy, at the same cost, and never matches.
        Assert.Equal((false, false), await hashing.VerifyAsync(null, Password, CancellationToken.None));
        Assert.Equal(2, hashing.StoredHashChecks);
    }

    [Theory]
    [InlineData(64, 1)]
    [InlineData(256, 2)]
    public async Task A_hash_made_with_another_cost_matches_and_asks_to_be_redone(int memory, int iterations)
    {
        using var before = Hashing(memory, iterations);
        using var now = Hashing(memory: 128, iterations: 1);

        var hash = await before.HashAsync(Password, CancellationToken.None);

        Assert.Equal((true, true), await now.VerifyAsync(hash, Password, CancellationToken.None));
        Assert.Equal((false, false), await now.VerifyAsync(hash, "not " + Password, CancellationToken.None));
    }

    [Fact]
    public async Task A_PBKDF2_hash_made_by_Identity_before_Argon2id_matches_and_asks_to_be_redone()
    {
        using var hashing = Hashing();
        var pbkdf2 = new PasswordHasher<UserAccount>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        var hash = pbkdf2.HashPassword(null!, Password);

        Assert.Equal((true, true), await hashing.VerifyAsync(hash, Password, CancellationToken.None));
        Assert.Equal((false, false), await hashing.VerifyAsync(hash, Password + "!", CancellationToken.None));
    }

    [Fact]
    public async Task With_PBKDF2_configured_new_hashes_are_Identitys_and_an_Argon2id_one_matches_and_asks_to_be_redone()
    {
        using var argon2id = Hashing();
        using var pbkdf2 = new PasswordHashing(Options.Create(new PasswordHashOptions { Algorithm = "pbkdf2" }),
            Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        using var stronger = new PasswordHashing(Options.Create(new PasswordHashOptions { Algorithm = PasswordHashOptions.Pbkdf2 }),
            Options.Create(new PasswordHasherOptions { IterationCount = 20_000 }));

        var hash = await pbkdf2.HashAsync(Password, CancellationToken.None);

        // Identity's v3 format: marker byte 1, then the PRF, then the iteration count.
        Assert.Equal(1, Convert.FromBase64String(hash)[0]);
        Assert.Equal((true, false), await pbkdf2.VerifyAsync(hash, Password, CancellationToken.None));
        Assert.Equal((true, true), await stronger.VerifyAsync(hash, Password, CancellationToken.None));
        Assert.Equal((true, true), await pbkdf2.VerifyAsync(await argon2id.HashAsync(Password, CancellationToken.None), Password, CancellationToken.None));
    }

    [Theory]
    [InlineData(7, 2)]
    [InlineData(64, 0)]
    [InlineData(PasswordHashOptions.MaxMemorySize + 1, 2)]
    public void A_cost_libsodium_cannot_use_is_refused_naming_the_setting(int memory, int iterations)
    {
        var error = Assert.Throws<ArgumentException>(() => Hashing(memory, iterations));

        Assert.Contains(iterations < 1 ? "Accounts:PasswordHash:Iterations" : "Accounts:PasswordHash:MemorySize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_burst_of_hashes_is_all_answered_and_one_whose_request_was_cancelled_is_skipped()
    {
        using var hashing = Hashing();
        var burst = Enumerable.Range(0, Environment.ProcessorCount * 4).Select(i => hashing.HashAsync($"{Password} {i}", CancellationToken.None)).ToList();
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var skipped = hashing.VerifyAsync(null, Password, gone.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => skipped);
        var hashes = await Task.WhenAll(burst);
        Assert.Equal(burst.Count, hashes.Distinct().Count());
        Assert.True((await hashing.VerifyAsync(hashes[^1], $"{Password} {burst.Count - 1}", CancellationToken.None)).Matches);
    }

    private static PasswordHashing Hashing(int memory = 64, int iterations = 1) =>
        new(Options.Create(new PasswordHashOptions { MemorySize = memory, Iterations = iterations }), Options.Create(new PasswordHasherOptions()));
}
