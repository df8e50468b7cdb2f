using Waymark.Execution;

namespace Waymark.Tests;

public sealed class LockRetryPolicyTests
{
    [Fact]
    public void Without_jitter_each_pause_doubles_the_one_before_up_to_thirty_seconds()
    {
        var policy = new LockRetryPolicy(TimeSpan.FromSeconds(1), () => 0);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(a => policy.DelayAfter(a).TotalSeconds));
    }

    [Theory]
    [InlineData(0.0, 4.0)]
    [InlineData(0.5, 3.0)]
    [InlineData(0.999, 2.002)]
    public void Jitter_takes_up_to_half_of_the_pause_away(double random, double seconds)
    {
        var policy = new LockRetryPolicy(TimeSpan.FromSeconds(1), () => random);

        Assert.Equal(seconds, policy.DelayAfter(3).TotalSeconds, 3);
    }

    [Fact]
    public void A_first_delay_of_zero_retries_at_once()
    {
        var policy = new LockRetryPolicy(TimeSpan.Zero, () => 0.3);

        Assert.Equal(TimeSpan.Zero, policy.DelayAfter(10));
    }
}
