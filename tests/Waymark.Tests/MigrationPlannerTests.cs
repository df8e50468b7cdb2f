using Waymark.Planning;
using static Waymark.Tests.TestRevisions;

namespace Waymark.Tests;

public sealed class MigrationPlannerTests
{
    private static readonly string[] AtBase = [];

    private static string[] Ids(MigrationPlan plan) => [.. plan.Steps.Select(s => s.Revision.Id)];

    private static string[] Transitions(MigrationPlan plan) =>
        [.. plan.Steps.Select(s => $"{string.Join(",", s.VersionsBefore)} -> {string.Join(",", s.VersionsAfter)}")];

    [Fact]
    public void Upgrade_from_base_to_head_applies_every_revision_oldest_first()
    {
        var plan = new MigrationPlanner(Linear()).PlanUpgrade(AtBase, "head");

        Assert.Equal(["001", "002", "003"], Ids(plan));
        Assert.All(plan.Steps, s => Assert.Equal(MigrationDirection.Upgrade, s.Direction));
        Assert.Equal([" -> 001", "001 -> 002", "002 -> 003"], Transitions(plan));
        Assert.Empty(plan.From);
        Assert.Equal(["003"], plan.To);
    }

    [Fact]
    public void Upgrade_from_the_middle_applies_only_what_is_missing()
    {
        var plan = new MigrationPlanner(Linear()).PlanUpgrade(["002"], "head");

        Assert.Equal(["003"], Ids(plan));
        Assert.Equal(["002"], plan.From);
        Assert.Equal(["003"], plan.To);
    }

    [Fact]
    public void Upgrade_plus_one_applies_the_next_revision_only()
    {
        var plan = new MigrationPlanner(Linear()).PlanUpgrade(["001"], "+1");

        Assert.Equal(["002"], Ids(plan));
    }

    [Fact]
    public void Upgrade_through_a_merge_applies_both_branches_once_in_id_order()
    {
        var plan = new MigrationPlanner(Merged()).PlanUpgrade(AtBase, "m");

        Assert.Equal(["001", "c1", "x1", "x2", "m"], Ids(plan));
        Assert.Equal([" -> 001", "001 -> c1", "c1 -> c1,x1", "c1,x1 -> c1,x2", "c1,x2 -> m"], Transitions(plan));
        Assert.Equal(["m"], plan.To);
    }

    [Fact]
    public void Upgrade_to_a_merge_from_one_branch_applies_the_other_branch_and_the_merge()
    {
        var plan = new MigrationPlanner(Merged()).PlanUpgrade(["x2"], "head");

        Assert.Equal(["c1", "m"], Ids(plan));
        Assert.Equal(["x2 -> c1,x2", "c1,x2 -> m"], Transitions(plan));
    }

    [Fact]
    public void Upgrade_to_heads_applies_every_branch_and_leaves_one_row_per_head()
    {
        var plan = new MigrationPlanner(TwoBranches()).PlanUpgrade(AtBase, "heads");

        Assert.Equal(["001", "a1", "a2", "b1", "b2"], Ids(plan));
        Assert.Equal(["a2", "b2"], plan.To);
    }

    [Fact]
    public void Upgrade_to_the_current_revision_is_an_empty_plan()
    {
        var plan = new MigrationPlanner(Linear()).PlanUpgrade(["003"], "head");

        Assert.True(plan.IsEmpty);
        Assert.Equal(["003"], plan.To);
    }

    [Fact]
    public void Upgrade_to_a_revision_below_the_current_one_is_out_of_range()
    {
        var planner = new MigrationPlanner(Linear());

        var error = Assert.Throws<TargetOutOfRangeException>(() => planner.PlanUpgrade(["003"], "001"));

        Assert.Equal("001", error.Target);
        Assert.Contains("downgrade", error.Message, StringComparison.Ordinal);
        Assert.Throws<TargetOutOfRangeException>(() => planner.PlanUpgrade(["003"], "base"));
    }

    [Fact]
    public void Downgrade_minus_one_undoes_the_current_revision()
    {
        var plan = new MigrationPlanner(Linear()).PlanDowngrade(["003"], "-1");

        Assert.Equal(["003"], Ids(plan));
        Assert.Equal(MigrationDirection.Downgrade, plan.Steps[0].Direction);
        Assert.Equal(["003 -> 002"], Transitions(plan));
        Assert.Equal(["002"], plan.To);
    }

    [Fact]
    public void Downgrade_to_base_undoes_everything_newest_first()
    {
        var plan = new MigrationPlanner(Linear()).PlanDowngrade(["003"], "base");

        Assert.Equal(["003", "002", "001"], Ids(plan));
        Assert.Equal(["003 -> 002", "002 -> 001", "001 -> "], Transitions(plan));
        Assert.Empty(plan.To);
    }

    [Fact]
    public void Downgrade_on_one_branch_keeps_the_other_branch()
    {
        var plan = new MigrationPlanner(TwoBranches()).PlanDowngrade(["a2", "b2"], "a1");

        Assert.Equal(["a2"], Ids(plan));
        Assert.Equal(["a2,b2 -> a1,b2"], Transitions(plan));
        Assert.Equal(["a1", "b2"], plan.To);
    }

    [Fact]
    public void Downgrade_to_the_branch_point_undoes_both_branches_newest_first()
    {
        var plan = new MigrationPlanner(TwoBranches()).PlanDowngrade(["a2", "b2"], "001");

        Assert.Equal(["b2", "b1", "a2", "a1"], Ids(plan));
        Assert.Equal(["001"], plan.To);
    }

    [Fact]
    public void Downgrade_below_a_merge_leaves_both_of_its_parents_as_heads()
    {
        var plan = new MigrationPlanner(Merged()).PlanDowngrade(["m"], "x2");

        Assert.Equal(["m"], Ids(plan));
        Assert.Equal(["m -> c1,x2"], Transitions(plan));
    }

    [Fact]
    public void Downgrade_to_a_revision_that_is_not_applied_is_an_error()
    {
        var planner = new MigrationPlanner(TwoBranches());

        var error = Assert.Throws<TargetOutOfRangeException>(() => planner.PlanDowngrade(["a2"], "b1"));

        Assert.Contains("b1 is not applied", error.Message, StringComparison.Ordinal);
        Assert.Throws<TargetOutOfRangeException>(() => new MigrationPlanner(Linear()).PlanDowngrade(["001"], "003"));
    }

    [Fact]
    public void Downgrade_to_the_current_revision_is_an_empty_plan()
    {
        var plan = new MigrationPlanner(Linear()).PlanDowngrade(["002"], "002");

        Assert.True(plan.IsEmpty);
        Assert.Equal(["002"], plan.To);
    }

    [Fact]
    public void A_recorded_revision_no_script_declares_throws_UnknownDatabaseRevisionException()
    {
        var planner = new MigrationPlanner(Linear());

        var error = Assert.Throws<UnknownDatabaseRevisionException>(() => planner.PlanUpgrade(["999"], "head"));

        Assert.Equal(["999"], error.Unknown);
        Assert.Contains("'999'", error.Message, StringComparison.Ordinal);
        Assert.Contains("their head is 003", error.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownDatabaseRevisionException>(() => planner.PlanDowngrade(["002", "999"], "base"));
    }

    [Fact]
    public void Version_rows_where_one_is_an_ancestor_of_another_throw_InconsistentVersionRecordException()
    {
        var planner = new MigrationPlanner(Linear());

        var error = Assert.Throws<InconsistentVersionRecordException>(() => planner.PlanUpgrade(["003", "001"], "head"));

        Assert.Equal(["003", "001"], error.Rows);
        Assert.Contains("'001' is an ancestor of '003'", error.Message, StringComparison.Ordinal);
        Assert.Throws<InconsistentVersionRecordException>(() => planner.PlanDowngrade(["001", "002"], "base"));
    }

    [Fact]
    public void Version_rows_on_separate_branches_are_consistent()
    {
        var planner = new MigrationPlanner(TwoBranches());

        planner.CheckCurrent(["a1", "b2"]);
        Assert.Equal(["a2"], Ids(planner.PlanUpgrade(["a1", "b2"], "heads")));
    }

    [Fact]
    public void Stamp_writes_the_resolved_revisions_as_rows()
    {
        var planner = new MigrationPlanner(TwoBranches());

        Assert.Equal(["a2", "b2"], planner.PlanStamp("heads", AtBase));
        Assert.Equal(["b1"], planner.PlanStamp("b1", ["a2"]));
        Assert.Empty(planner.PlanStamp("base", ["a2", "b2"]));
        Assert.Equal(["a2"], planner.PlanStamp("+1", ["a1"]));
    }

    [Fact]
    public void Stamp_ignores_recorded_revisions_no_script_declares()
    {
        var planner = new MigrationPlanner(Linear());

        Assert.Equal(["002"], planner.PlanStamp("002", ["999"]));
    }
}
