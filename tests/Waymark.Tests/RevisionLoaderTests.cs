using System.Reflection;
using Waymark.Revisions;

namespace Waymark.Tests;

public sealed class RevisionLoaderTests
{
    [Fact]
    public void A_class_marked_as_a_revision_that_is_not_a_migration_is_refused_naming_its_file()
    {
        var error = Assert.Throws<InvalidRevisionException>(() => Load(typeof(NotAMigration)));

        Assert.EndsWith("RevisionLoaderTests.cs", error.SourceFile, StringComparison.Ordinal);
        Assert.Contains(typeof(NotAMigration).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("'901'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_abstract_migration_marked_as_a_revision_is_refused()
    {
        Assert.Throws<InvalidRevisionException>(() => Load(typeof(AbstractMigration)));
    }

    [Fact]
    public void A_migration_without_a_parameterless_constructor_is_refused()
    {
        Assert.Throws<InvalidRevisionException>(() => Load(typeof(MigrationNeedingArguments)));
    }

    [Fact]
    public void Setting_both_DownRevision_and_DownRevisions_is_refused()
    {
        var error = Assert.Throws<InvalidRevisionException>(() => Load(typeof(BothDownRevisions)));

        Assert.Contains("both DownRevision and DownRevisions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_migration_without_down_revision_is_a_base_read_from_its_attribute()
    {
        var revision = Load(typeof(BaseMigration));

        Assert.Equal("900", revision.Id);
        Assert.Empty(revision.DownRevisions);
        Assert.Equal("create things", revision.Message);
        Assert.Equal("RevisionLoaderTests.cs", revision.FileName);
    }

    [Fact]
    public void DownRevision_gives_one_down_revision_and_DownRevisions_gives_a_merge()
    {
        Assert.Equal(["900"], Load(typeof(NextMigration)).DownRevisions);
        Assert.Equal(["902", "903"], Load(typeof(MergeMigration)).DownRevisions);
    }

    [Fact]
    public void The_migration_is_created_only_when_asked_for_and_is_of_the_marked_class()
    {
        var revision = Load(typeof(BaseMigration));

        Assert.IsType<BaseMigration>(revision.CreateMigration());
    }

    private static Revision Load(Type type) =>
        RevisionLoader.FromType(type, type.GetCustomAttribute<RevisionAttribute>(inherit: false)!);

    [Revision("900", Message = "create things")]
    public sealed class BaseMigration : Migration
    {
        public override void Upgrade(MigrationBuilder migrate) { }

        public override void Downgrade(MigrationBuilder migrate) { }
    }

    [Revision("904", DownRevision = "900")]
    public sealed class NextMigration : Migration
    {
        public override void Upgrade(MigrationBuilder migrate) { }

        public override void Downgrade(MigrationBuilder migrate) { }
    }

    [Revision("905", DownRevisions = ["902", "903"])]
    public sealed class MergeMigration : Migration
    {
        public override void Upgrade(MigrationBuilder migrate) { }

        public override void Downgrade(MigrationBuilder migrate) { }
    }

    [Revision("906", DownRevision = "900", DownRevisions = ["902", "903"])]
    public sealed class BothDownRevisions : Migration
    {
        public override void Upgrade(MigrationBuilder migrate) { }

        public override void Downgrade(MigrationBuilder migrate) { }
    }

    [Revision("901")]
    public sealed class NotAMigration;

    [Revision("907")]
    public abstract class AbstractMigration : Migration;

    [Revision("908")]
    public sealed class MigrationNeedingArguments(int value) : Migration
    {
        public int Value => value;

        public override void Upgrade(MigrationBuilder migrate) { }

        public override void Downgrade(MigrationBuilder migrate) { }
    }
}
