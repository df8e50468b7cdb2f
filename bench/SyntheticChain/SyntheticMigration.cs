using System.Globalization;
using Waymark.Revisions;
using Waymark.Schema;

namespace SyntheticChain;

/// <summary>
/// Revision n of a synthetic chain: most revisions create a table with an index and a foreign key to
/// the previous table; every fifth adds a column to an earlier table instead.
/// </summary>
internal sealed class SyntheticMigration(int number) : Migration
{
    private string Table => Name(number);

    public override void Upgrade(MigrationBuilder migrate)
    {
        if (number % 5 == 0)
        {
            migrate.AddColumn(Name(number - 1), $"extra_{number}", ColumnType.String(100), nullable: false, defaultValue: "none");
            return;
        }
        migrate.CreateTable(Table, t =>
        {
            t.Id();
            t.String("name", 255).NotNull();
            t.Money("amount", 10, 2);
            t.Timestamps();
            if (number > 1 && (number - 1) % 5 != 0)
                t.References("parent_id", Name(number - 1), ReferentialAction.Cascade);
            t.Index(["name"]);
        });
    }

    public override void Downgrade(MigrationBuilder migrate)
    {
        if (number % 5 == 0)
            migrate.DropColumn(Name(number - 1), $"extra_{number}");
        else
            migrate.DropTable(Table);
    }

    public static string Id(int number) => number.ToString("D5", CultureInfo.InvariantCulture);

    private static string Name(int number) => "t" + number.ToString(CultureInfo.InvariantCulture);
}
