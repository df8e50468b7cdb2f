using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts.Passwords;

namespace TimeTracker.Tests.Accounts;

/// <summary>Identity's password hashes, made and checked on the hashing threads.</summary>
public sealed class PasswordHashingTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_hash_matches_its_password_only_and_an_absent_hash_never_matches()
    {
        using var hashing = Hashing(10_000);
        var hash = await hashing.HashAsync(Password, CancellationToken.None);

        Assert.Equal((true, false), await hashing.VerifyAsync(hash, Password, CancellationToken.None));
        Assert.Equal((false, false), await hashing.VerifyAsync(hash, Password + "!", CancellationToken.None));
        // An unknown account is checked against a decoy, at the same cost, and never matches.
        Assert.Equal((false, false), await hashing.VerifyAsync(null, Password, CancellationToken.None));
    }

    [Fact]
    public async Task A_hash_made_with_fewer_iterations_matches_and_asks_to_be_redone()
    {
        using var cheaper = Hashing(10_000);
        using var current = Hashing(20_000);

        var hash = await cheaper.HashAsync(Password, CancellationToken.None);

        Assert.Equal((true, true), await current.VerifyAsync(hash, Password, CancellationToken.None));
    }

    [Fact]
    public async Task A_burst_of_hashes_is_all_answered_and_one_whose_request_was_cancelled_is_skipped()
    {
        using var hashing = Hashing(10_000);
        var burst = Enumerable.Range(0, Environment.ProcessorCount * 4).Select(i => hashing.HashAsync($"{Password} {i}", CancellationToken.None)).ToList();
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var skipped = hashing.VerifyAsync(null, Password, gone.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => skipped);
        var hashes = await Task.WhenAll(burst);
        Assert.Equal(burst.Count, hashes.Distinct().Count());
        Assert.True((await hashing.VerifyAsync(hashes[^1], $"{Password} {burst.Count - 1}", CancellationToken.None)).Matches);
    }

    private static PasswordHashing Hashing(int iterations) => new(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
}
