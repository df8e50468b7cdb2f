using Waymark.Schema;

namespace Waymark.Revisions;

/// <summary>Declares one column of a new table.</summary>
public sealed class ColumnBuilder
{
    private readonly string _table;
    private readonly string _name;
    private readonly ColumnType _type;
    private bool _nullable = true;
    private bool _identity;
    private DefaultValue? _default;

    internal ColumnBuilder(string table, string name, ColumnType type)
    {
        _table = table;
        _name = name;
        _type = type;
    }

    internal ForeignKeyDefinition? ForeignKey { get; private set; }

    internal UniqueConstraintDefinition? UniqueConstraint { get; private set; }

    internal IndexDefinition? Index { get; private set; }

    /// <summary>The column refuses null.</summary>
    public ColumnBuilder NotNull()
    {
        _nullable = false;
        return this;
    }

    /// <summary>A constant default.</summary>
    public ColumnBuilder Default(object value)
    {
        _default = DefaultValue.Of(value);
        return this;
    }

    /// <summary>The time of the insert as the default.</summary>
    public ColumnBuilder DefaultNow()
    {
        _default = DefaultValue.CurrentTimestamp;
        return this;
    }

    /// <summary>The database generates the value (identity / autoincrement).</summary>
    public ColumnBuilder Generated()
    {
        _identity = true;
        return this;
    }

    /// <summary>A unique constraint <c>uq_&lt;table&gt;_&lt;column&gt;</c> on this column alone.</summary>
    public ColumnBuilder Unique()
    {
        UniqueConstraint = new UniqueConstraintDefinition(Names.Unique(_table, [_name]), [_name]);
        return this;
    }

    /// <summary>An index <c>ix_&lt;table&gt;_&lt;column&gt;</c> on this column alone.</summary>
    public ColumnBuilder Indexed()
    {
        Index = new IndexDefinition(Names.Index(_table, [_name]), _table, [_name]);
        return this;
    }

    /// <summary>A foreign key <c>fk_&lt;table&gt;_&lt;column&gt;</c> to <paramref name="referencedTable"/>.</summary>
    public ColumnBuilder References(string referencedTable, ReferentialAction onDelete = ReferentialAction.NoAction, string referencedColumn = "id")
    {
        ForeignKey = new ForeignKeyDefinition(Names.ForeignKey(_table, _name), [_name], referencedTable, [referencedColumn], onDelete);
        return this;
    }

    internal ColumnDefinition Build() => new(_name, _type, _nullable, _default, _identity);
}
