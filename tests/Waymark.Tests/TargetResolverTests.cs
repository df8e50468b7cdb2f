using Waymark.Planning;
using Waymark.Revisions;
using static Waymark.Tests.TestRevisions;

namespace Waymark.Tests;

public sealed class TargetResolverTests
{
    private static readonly string[] AtBase = [];

    private static IReadOnlyList<string> Resolve(RevisionGraph graph, string target, params string[] current) =>
        new TargetResolver(graph).Resolve(target, current);

    [Theory]
    [InlineData("head")]
    [InlineData("HEAD")]
    [InlineData(" head ")]
    public void Head_is_the_single_head(string target)
    {
        Assert.Equal(["003"], Resolve(Linear(), target));
    }

    [Fact]
    public void Heads_is_every_head()
    {
        Assert.Equal(["a2", "b2"], Resolve(TwoBranches(), "heads"));
    }

    [Fact]
    public void Base_is_no_revision()
    {
        Assert.Empty(Resolve(Linear(), "base", "002"));
    }

    [Fact]
    public void Head_with_several_heads_throws_MultipleHeadsException_naming_them()
    {
        var error = Assert.Throws<MultipleHeadsException>(() => Resolve(TwoBranches(), "head"));

        Assert.Equal(["a2", "b2"], error.Heads);
        Assert.Contains("a2, b2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Head_of_an_empty_graph_is_base()
    {
        Assert.Empty(Resolve(Graph(), "head"));
    }

    [Fact]
    public void A_full_id_is_itself()
    {
        Assert.Equal(["002"], Resolve(Linear(), "002"));
    }

    [Fact]
    public void A_full_id_wins_over_longer_ids_it_is_a_prefix_of()
    {
        var graph = Graph(Chain("ab", "abc", "abd"));

        Assert.Equal(["ab"], Resolve(graph, "ab"));
    }

    [Fact]
    public void A_unique_prefix_is_the_revision_it_starts()
    {
        var graph = Graph(Chain("4e1b77", "4f2a9c"));

        Assert.Equal(["4f2a9c"], Resolve(graph, "4f"));
    }

    [Fact]
    public void An_ambiguous_prefix_throws_listing_the_candidates()
    {
        var graph = Graph(Chain("abc1", "abc2", "abd"));

        var error = Assert.Throws<AmbiguousTargetException>(() => Resolve(graph, "abc"));

        Assert.Equal("abc", error.Target);
        Assert.Equal(["abc1", "abc2"], error.Candidates);
        Assert.Contains("abc1, abc2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999")]
    [InlineData("0010")]
    [InlineData("")]
    [InlineData("  ")]
    public void A_target_that_names_no_revision_throws_UnknownTargetException(string target)
    {
        var error = Assert.Throws<UnknownTargetException>(() => Resolve(Linear(), target));

        Assert.Contains("No revision matches", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plus_N_steps_up_from_the_current_revision()
    {
        Assert.Equal(["003"], Resolve(Linear(), "+2", "001"));
        Assert.Equal(["002"], Resolve(Linear(), "+1", "001"));
    }

    [Fact]
    public void Plus_N_at_base_steps_up_from_the_base_revision()
    {
        Assert.Equal(["001"], Resolve(Linear(), "+1", AtBase));
    }

    [Fact]
    public void Minus_N_steps_down_from_the_current_revision_and_can_reach_base()
    {
        Assert.Equal(["002"], Resolve(Linear(), "-1", "003"));
        Assert.Empty(Resolve(Linear(), "-3", "003"));
    }

    [Fact]
    public void Rev_plus_N_and_rev_minus_N_step_from_the_named_revision_not_the_current_one()
    {
        Assert.Equal(["003"], Resolve(Linear(), "001+2", "002"));
        Assert.Equal(["001"], Resolve(Linear(), "003-2", "002"));
        Assert.Equal(["002"], Resolve(Linear(), "head-1"));
        Assert.Equal(["001"], Resolve(Linear(), "base+1", "003"));
    }

    [Fact]
    public void Rev_plus_N_accepts_a_unique_prefix_for_the_revision()
    {
        var graph = Graph(Chain("4e1b77", "4f2a9c", "5a0000"));

        Assert.Equal(["5a0000"], Resolve(graph, "4f+1"));
    }

    [Fact]
    public void Stepping_up_past_head_is_an_error_not_a_clamp()
    {
        var error = Assert.Throws<TargetOutOfRangeException>(() => Resolve(Linear(), "+3", "001"));

        Assert.Equal("+3", error.Target);
        Assert.Contains("only 2 step(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stepping_down_past_base_is_an_error_not_a_clamp()
    {
        var error = Assert.Throws<TargetOutOfRangeException>(() => Resolve(Linear(), "-4", "003"));

        Assert.Contains("only 3 step(s)", error.Message, StringComparison.Ordinal);
        Assert.Throws<TargetOutOfRangeException>(() => Resolve(Linear(), "-1", AtBase));
        Assert.Throws<TargetOutOfRangeException>(() => Resolve(Linear(), "001-2"));
        Assert.Throws<TargetOutOfRangeException>(() => Resolve(Linear(), "head+1"));
    }

    [Fact]
    public void Stepping_up_at_a_branch_point_is_ambiguous_listing_the_branches()
    {
        var error = Assert.Throws<AmbiguousTargetException>(() => Resolve(TwoBranches(), "+1", "001"));

        Assert.Equal(["a1", "b1"], error.Candidates);
        Assert.Contains("branches", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stepping_down_from_a_merge_is_ambiguous_listing_its_down_revisions()
    {
        var error = Assert.Throws<AmbiguousTargetException>(() => Resolve(Merged(), "-1", "m"));

        Assert.Equal(["x2", "c1"], error.Candidates);
        Assert.Contains("merge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plus_N_at_base_with_several_bases_is_ambiguous()
    {
        var graph = Graph(Rev("r1"), Rev("r2"));

        var error = Assert.Throws<AmbiguousTargetException>(() => Resolve(graph, "+1", AtBase));

        Assert.Equal(["r1", "r2"], error.Candidates);
    }

    [Fact]
    public void A_relative_step_from_several_current_heads_is_refused()
    {
        var error = Assert.Throws<TargetOutOfRangeException>(() => Resolve(TwoBranches(), "-1", "a2", "b2"));

        Assert.Contains("several current heads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_step_from_an_unknown_revision_throws_UnknownTargetException()
    {
        Assert.Throws<UnknownTargetException>(() => Resolve(Linear(), "999+1"));
    }

    [Fact]
    public void A_relative_step_written_with_non_ascii_digits_is_a_usage_error()
    {
        var error = Record.Exception(() => Resolve(Linear(), "+\u0661", "001"));

        Assert.IsAssignableFrom<WaymarkUsageException>(error);
    }

    [Fact]
    public void ResolveOne_does_not_accept_relative_targets()
    {
        Assert.Throws<UnknownTargetException>(() => new TargetResolver(Linear()).ResolveOne("+1"));
    }
}
