using Waymark.Revisions;
using static Waymark.Tests.TestRevisions;

namespace Waymark.Tests;

public sealed class RevisionGraphValidationTests
{
    [Fact]
    public void A_duplicate_id_is_refused_naming_both_files()
    {
        var first = new Revision("001", [], "one", "Migrations/001_first.cs", () => new EmptyMigration());
        var second = new Revision("001", [], "two", "Migrations/001_second.cs", () => new EmptyMigration());

        var error = Assert.Throws<DuplicateRevisionException>(() => Graph(first, second));

        Assert.Equal("001", error.RevisionId);
        Assert.Equal(["Migrations/001_first.cs", "Migrations/001_second.cs"], error.SourceFiles);
        Assert.Contains("Migrations/001_first.cs", error.Message, StringComparison.Ordinal);
        Assert.Contains("Migrations/001_second.cs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_down_revision_no_migration_declares_is_refused_naming_the_file()
    {
        var error = Assert.Throws<MissingDownRevisionException>(() => Graph(Rev("001"), Rev("003", "002")));

        Assert.Equal("003", error.RevisionId);
        Assert.Equal("002", error.MissingId);
        Assert.Equal("003_file.cs", error.SourceFile);
        Assert.Contains("003_file.cs", error.Message, StringComparison.Ordinal);
        Assert.Contains("'002'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_is_refused_listing_the_revisions_on_it_in_order()
    {
        var error = Assert.Throws<RevisionCycleException>(() => Graph(Rev("r1", "r3"), Rev("r2", "r1"), Rev("r3", "r2")));

        Assert.Equal(["r1", "r3", "r2", "r1"], error.Cycle);
        Assert.Equal(["r1_file.cs", "r3_file.cs", "r2_file.cs"], error.SourceFiles);
        Assert.Contains("r1 -> r3 -> r2 -> r1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_lists_only_its_own_revisions_not_those_that_follow_it()
    {
        // "a" follows the cycle x <-> y and sorts first, but is not on the cycle.
        var error = Assert.Throws<RevisionCycleException>(() => Graph(Rev("001"), Rev("a", "x"), Rev("x", "y"), Rev("y", "x")));

        Assert.Equal(["x", "y", "x"], error.Cycle);
        Assert.DoesNotContain("a_file.cs", error.SourceFiles);
    }

    [Fact]
    public void A_revision_that_follows_itself_is_a_cycle()
    {
        var error = Assert.Throws<RevisionCycleException>(() => Graph(Rev("001", "001")));

        Assert.Equal(["001", "001"], error.Cycle);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_id_is_refused_naming_the_file(string id)
    {
        var revision = new Revision(id, [], "empty", "Migrations/empty.cs", () => new EmptyMigration());

        var error = Assert.Throws<InvalidRevisionException>(() => Graph(revision));

        Assert.Equal("Migrations/empty.cs", error.SourceFile);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("Migrations/empty.cs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a-b")]
    [InlineData("a+1")]
    [InlineData("ab.cd")]
    [InlineData("héllo")]
    [InlineData("123456789012345678901234567890123")]
    public void A_malformed_id_is_refused(string id)
    {
        var error = Assert.Throws<InvalidRevisionException>(() => Graph(Rev(id)));

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{id}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_with_a_trailing_newline_is_refused()
    {
        Assert.Throws<InvalidRevisionException>(() => Graph(Rev("001\n")));
    }

    [Fact]
    public void An_id_of_32_letters_digits_and_underscores_is_accepted()
    {
        var id = "Ab_0123456789012345678901234567_";

        Assert.Equal(32, id.Length);
        Assert.Equal([id], Graph(Rev(id)).Heads);
    }

    [Theory]
    [InlineData("head")]
    [InlineData("heads")]
    [InlineData("base")]
    [InlineData("HEAD")]
    [InlineData("Base")]
    public void A_reserved_word_is_refused_as_an_id(string id)
    {
        var error = Assert.Throws<InvalidRevisionException>(() => Graph(Rev(id)));

        Assert.Contains("reserved", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-b")]
    [InlineData("head")]
    public void A_malformed_down_revision_is_refused_naming_the_file(string down)
    {
        var error = Assert.Throws<InvalidRevisionException>(() => Graph(Rev("001"), Rev("002", down)));

        Assert.Equal("002_file.cs", error.SourceFile);
        Assert.Contains("down-revision", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_down_revision_named_twice_is_refused()
    {
        var error = Assert.Throws<InvalidRevisionException>(() => Graph(Rev("001"), Rev("002", "001", "001")));

        Assert.Equal("002_file.cs", error.SourceFile);
        Assert.Contains("same down-revision twice", error.Message, StringComparison.Ordinal);
    }
}
