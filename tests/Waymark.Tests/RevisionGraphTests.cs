using Waymark.Revisions;
using static Waymark.Tests.TestRevisions;

namespace Waymark.Tests;

public sealed class RevisionGraphTests
{
    [Fact]
    public void A_linear_chain_has_its_first_revision_as_only_base_and_its_last_as_only_head()
    {
        var graph = Linear();

        Assert.Equal(["001"], graph.Bases);
        Assert.Equal(["003"], graph.Heads);
    }

    [Fact]
    public void An_empty_graph_has_no_revisions_heads_or_bases()
    {
        var graph = Graph();

        Assert.Empty(graph.Revisions);
        Assert.Empty(graph.Heads);
        Assert.Empty(graph.Bases);
    }

    [Fact]
    public void Two_branches_give_two_heads_in_graph_order()
    {
        Assert.Equal(["a2", "b2"], TwoBranches().Heads);
    }

    [Fact]
    public void Independent_roots_are_all_bases()
    {
        var graph = Graph(Rev("r2"), Rev("r1"), Rev("r3", "r1"));

        Assert.Equal(["r1", "r2"], graph.Bases);
        Assert.Equal(["r2", "r3"], graph.Heads);
    }

    [Fact]
    public void A_revision_with_several_children_is_a_branch_point()
    {
        Assert.Equal(["001"], TwoBranches().BranchPoints);
        Assert.Empty(Linear().BranchPoints);
    }

    [Fact]
    public void A_revision_with_several_down_revisions_is_a_merge_point()
    {
        var graph = Merged();

        Assert.Equal(["m"], graph.MergePoints);
        Assert.True(graph.Get("m").IsMerge);
        Assert.False(graph.Get("x2").IsMerge);
        Assert.Empty(TwoBranches().MergePoints);
    }

    [Fact]
    public void Children_are_the_revisions_that_follow_directly()
    {
        var graph = TwoBranches();

        Assert.Equal(["a1", "b1"], graph.ChildrenOf("001"));
        Assert.Equal(["a2"], graph.ChildrenOf("a1"));
        Assert.Empty(graph.ChildrenOf("a2"));
    }

    [Fact]
    public void Revisions_are_ordered_parents_first_with_ties_broken_by_id()
    {
        // m's children b and x are both ready after m; b goes first by id, and its child c is then
        // ready before x, again by id.
        var graph = Graph(Rev("x", "m"), Rev("c", "b"), Rev("m"), Rev("b", "m"));

        Assert.Equal(["m", "b", "c", "x"], graph.Revisions.Select(r => r.Id));
    }

    [Fact]
    public void A_parent_comes_before_its_child_even_when_the_child_sorts_first_by_id()
    {
        var graph = Graph(Rev("aa", "zz"), Rev("zz"));

        Assert.Equal(["zz", "aa"], graph.Revisions.Select(r => r.Id));
    }

    [Fact]
    public void The_order_does_not_depend_on_the_order_the_revisions_are_given_in()
    {
        Revision[] revisions = [Rev("001"), Rev("x1", "001"), Rev("x2", "x1"), Rev("c1", "001"), Rev("m", "x2", "c1")];

        var forward = Graph(revisions).Revisions.Select(r => r.Id).ToList();
        var backward = Graph([.. revisions.Reverse()]).Revisions.Select(r => r.Id).ToList();

        Assert.Equal(["001", "c1", "x1", "x2", "m"], forward);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Ancestors_include_the_revision_itself_and_every_revision_it_follows_through_a_merge()
    {
        var graph = Merged();

        Assert.Equal(new HashSet<string> { "001", "c1", "x1", "x2", "m" }, graph.AncestorsOf(["m"]));
        Assert.Equal(new HashSet<string> { "001", "x1" }, graph.AncestorsOf(["x1"]));
    }

    [Fact]
    public void Descendants_include_the_revision_itself_and_every_revision_that_follows_it()
    {
        var graph = TwoBranches();

        Assert.Equal(new HashSet<string> { "a1", "a2" }, graph.DescendantsOf(["a1"]));
        Assert.Equal(new HashSet<string> { "001", "a1", "a2", "b1", "b2" }, graph.DescendantsOf(["001"]));
        Assert.Equal(new HashSet<string> { "b2" }, graph.DescendantsOf(["b2"]));
    }

    [Fact]
    public void Path_from_base_lists_every_ancestor_of_the_target_oldest_first()
    {
        Assert.Equal(["001", "002", "003"], Linear().Path(null, "003"));
    }

    [Fact]
    public void Path_excludes_the_start_and_includes_the_end()
    {
        Assert.Equal(["002", "003"], Linear().Path("001", "003"));
        Assert.Empty(Linear().Path("002", "002"));
    }

    [Fact]
    public void Path_into_a_merge_includes_the_other_branch_but_not_what_the_start_already_has()
    {
        Assert.Equal(["c1", "m"], Merged().Path("x2", "m"));
    }

    [Fact]
    public void HeadsOf_keeps_only_the_revisions_no_other_member_of_the_set_follows()
    {
        var graph = TwoBranches();

        Assert.Equal(["a1", "b2"], graph.HeadsOf(new HashSet<string> { "001", "a1", "b1", "b2" }));
    }

    [Fact]
    public void Ordered_sorts_ids_in_graph_order()
    {
        Assert.Equal(["001", "c1", "x2", "m"], Merged().Ordered(["m", "x2", "001", "c1"]));
    }

    [Fact]
    public void IdsStartingWith_is_case_sensitive_and_in_graph_order()
    {
        var graph = Graph(Chain("ab1", "Ab2", "ab3", "b4"));

        Assert.Equal(["ab1", "ab3"], graph.IdsStartingWith("ab"));
        Assert.Empty(graph.IdsStartingWith("c"));
    }

    [Fact]
    public void Contains_and_Get_use_the_exact_id()
    {
        var graph = Linear();

        Assert.True(graph.Contains("002"));
        Assert.False(graph.Contains("00"));
        Assert.Equal("message 002", graph.Get("002").Message);
        Assert.Throws<KeyNotFoundException>(() => graph.Get("00"));
    }

    [Fact]
    public void A_revision_knows_whether_it_is_a_base_and_its_file_name_alone()
    {
        var revision = new Revision("001", [], "init", @"C:\src\Migrations\001_init.cs", () => new EmptyMigration());
        var unix = new Revision("002", ["001"], "next", "/src/Migrations/002_next.cs", () => new EmptyMigration());

        Assert.True(revision.IsBase);
        Assert.False(unix.IsBase);
        Assert.Equal("001_init.cs", revision.FileName);
        Assert.Equal("002_next.cs", unix.FileName);
        Assert.Equal("001 (init)", revision.ToString());
    }
}
