using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
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
        using var hashing = new PasswordHashing(Options.Create(new PasswordHashOptions()), Options.Create(new PasswordHasherOptions()), NullLogger<PasswordHashing>.Instance);

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
        var hash = Pbkdf2Hash(Password);

        Assert.Equal((true, true), await hashing.VerifyAsync(hash, Password, CancellationToken.None));
        Assert.Equal((false, false), await hashing.VerifyAsync(hash, Password + "!", CancellationToken.None));
    }

    [Fact]
    public async Task With_PBKDF2_configured_new_hashes_are_Identitys_and_an_Argon2id_one_matches_and_asks_to_be_redone()
    {
        using var argon2id = Hashing();
        using var pbkdf2 = new PasswordHashing(Options.Create(new PasswordHashOptions { Algorithm = "pbkdf2" }),
            Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }), NullLogger<PasswordHashing>.Instance);
        using var stronger = new PasswordHashing(Options.Create(new PasswordHashOptions { Algorithm = PasswordHashOptions.Pbkdf2 }),
            Options.Create(new PasswordHasherOptions { IterationCount = 20_000 }), NullLogger<PasswordHashing>.Instance);

        var hash = await pbkdf2.HashAsync(Password, CancellationToken.None);

        // Identity's v3 format: marker byte 1, then the PRF, then the iteration count.
        Assert.Equal(1, Convert.FromBase64String(hash)[0]);
        Assert.Equal((true, false), await pbkdf2.VerifyAsync(hash, Password, CancellationToken.None));
        Assert.Equal((true, true), await stronger.VerifyAsync(hash, Password, CancellationToken.None));
        Assert.Equal((true, true), await pbkdf2.VerifyAsync(await argon2id.HashAsync(Password, CancellationToken.None), Password, CancellationToken.None));
    }

    [Fact]
    public async Task A_refusal_checks_one_hash_of_every_kind_held_so_an_unknown_address_costs_what_a_wrong_password_does()
    {
        using var hashing = Hashing();
        var current = await hashing.HashAsync(Password, CancellationToken.None);
        var older = Pbkdf2Hash(Password);
        const string wrong = "not " + Password;

        Assert.Equal(1, await ChecksOfAsync(hashing, () => hashing.VerifyAsync(null, Password, CancellationToken.None)));
        Assert.Equal(1, await ChecksOfAsync(hashing, () => hashing.VerifyAsync(current, wrong, CancellationToken.None)));

        // The first check of an older kind of hash makes every refusal check one of that kind too.
        Assert.Equal(2, await ChecksOfAsync(hashing, () => hashing.VerifyAsync(older, wrong, CancellationToken.None)));
        Assert.Equal([hashing.CurrentKind, PasswordHashKind.Of(older)], hashing.Kinds);
        Assert.Equal(2, await ChecksOfAsync(hashing, () => hashing.VerifyAsync(null, Password, CancellationToken.None)));
        Assert.Equal(2, await ChecksOfAsync(hashing, () => hashing.VerifyAsync(current, wrong, CancellationToken.None)));
        Assert.Equal(2, await ChecksOfAsync(hashing, () => hashing.VerifyAsync(older, wrong, CancellationToken.None)));
        // A match costs its own check only.
        Assert.Equal(1, await ChecksOfAsync(hashing, () => hashing.VerifyAsync(current, Password, CancellationToken.None)));
        Assert.Equal(1, await ChecksOfAsync(hashing, () => hashing.VerifyAsync(older, Password, CancellationToken.None)));
    }

    [Fact]
    public async Task Refusals_check_at_most_eight_kinds_of_hash()
    {
        using var hashing = Hashing();
        for (var memory = 8; memory < 8 + PasswordHashing.MaxKinds + 2; memory++)
        {
            using var other = Hashing(memory);
            hashing.Expect(await other.HashAsync(Password, CancellationToken.None));
        }

        Assert.Equal(PasswordHashing.MaxKinds, hashing.Kinds.Count);
        Assert.Equal(PasswordHashing.MaxKinds, await ChecksOfAsync(hashing, () => hashing.VerifyAsync(null, Password, CancellationToken.None)));
    }

    [Theory]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$c2FsdA")]
    [InlineData("$argon2id$v=19$m=64,t=1,p=1$" + "c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$2b$12$abcdefghijklmnopqrstuv")]
    [InlineData("AQ==not base64")]
    public async Task A_stored_value_in_no_format_read_here_matches_nothing_and_costs_what_any_refusal_does(string stored)
    {
        using var hashing = Hashing();

        Assert.Equal((false, false), await hashing.VerifyAsync(stored, Password, CancellationToken.None));
        // Its own failed check, then the decoy of the configured kind.
        Assert.Equal(2, await ChecksOfAsync(hashing, () => hashing.VerifyAsync(stored, Password, CancellationToken.None)));
    }

    [Theory]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA", "$argon2id$v=19$m=19456,t=2,p=1$")]
    [InlineData("AQAAAAIAAYagAAAAEHNhbHRzYWx0c2FsdHNhbHQ=", "AQAAAAIAAYag")]
    [InlineData("$argon2id$v=19$m=64", PasswordHashKind.Unreadable)]
    [InlineData("$2b$12$abcdefghijklmnopqrstuv", PasswordHashKind.Unreadable)]
    public void The_kind_of_a_hash_is_its_algorithm_and_cost(string hash, string kind) => Assert.Equal(kind, PasswordHashKind.Of(hash));

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
        new(Options.Create(new PasswordHashOptions { MemorySize = memory, Iterations = iterations }), Options.Create(new PasswordHasherOptions()),
            NullLogger<PasswordHashing>.Instance);

    private static string Pbkdf2Hash(string password) =>
        new PasswordHasher<UserAccount>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 })).HashPassword(null!, password);

    /// <summary>How many hashes <paramref name="check"/> made <paramref name="hashing"/> check, decoys included.</summary>
    private static async Task<long> ChecksOfAsync(PasswordHashing hashing, Func<Task> check)
    {
        var before = hashing.Checks;
        await check();
        return hashing.Checks - before;
    }
}
