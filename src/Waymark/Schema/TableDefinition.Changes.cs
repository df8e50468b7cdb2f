using Waymark.Operations;

namespace Waymark.Schema;

public sealed partial record TableDefinition
{
    /// <summary>
    /// This table as it is after <paramref name="operation"/>. Dropping a column drops the keys,
    /// constraints and indexes that include it (as PostgreSQL does); renaming one renames it everywhere.
    /// </summary>
    public TableDefinition Apply(TableOperation operation) => operation switch
    {
        AddColumn add => WithNewColumn(add.Column),
        DropColumn drop => WithoutColumn(drop.Column),
        RenameColumn rename => WithRenamedColumn(rename.Column, rename.NewName),
        AlterColumn alter => WithAlteredColumn(alter),
        CreateIndex create => this with { Indexes = With(Indexes, i => i.Name, create.Index, create.Index.Name, "index") },
        DropIndex drop => this with { Indexes = Without(Indexes, i => i.Name, drop.Name, "index") },
        AddForeignKey add => this with { ForeignKeys = With(
            ForeignKeys, f => f.Name, add.NotValid ? add.ForeignKey with { NotValid = true } : add.ForeignKey, add.ForeignKey.Name, "foreign key") },
        DropForeignKey drop => this with { ForeignKeys = Without(ForeignKeys, f => f.Name, drop.Name, "foreign key") },
        AddUniqueConstraint add => this with {
            UniqueConstraints = With(UniqueConstraints, u => u.Name, add.Constraint, add.Constraint.Name, "unique constraint") },
        DropUniqueConstraint drop => this with { UniqueConstraints = Without(UniqueConstraints, u => u.Name, drop.Name, "unique constraint") },
        AddCheckConstraint add => this with { CheckConstraints = With(CheckConstraints, c => c.Name,
            add.NotValid ? add.Constraint with { NotValid = true } : add.Constraint, add.Constraint.Name, "check constraint") },
        DropCheckConstraint drop => this with { CheckConstraints = Without(CheckConstraints, c => c.Name, drop.Name, "check constraint") },
        ValidateConstraint validate => WithValidated(validate.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Describe(), "Not a change to a table's definition."),
    };

    private TableDefinition WithValidated(string name)
    {
        bool Named(string? constraint) => string.Equals(constraint, name, StringComparison.OrdinalIgnoreCase);
        if (!ForeignKeys.Any(f => Named(f.Name)) && !CheckConstraints.Any(c => Named(c.Name)))
            throw new SchemaObjectNotFoundException("foreign key or check constraint", $"{name} on {Name}");
        return this with
        {
            ForeignKeys = [.. ForeignKeys.Select(f => Named(f.Name) ? f with { NotValid = false } : f)],
            CheckConstraints = [.. CheckConstraints.Select(c => Named(c.Name) ? c with { NotValid = false } : c)],
        };
    }

    private TableDefinition WithNewColumn(ColumnDefinition column)
    {
        if (FindColumn(column.Name) is not null)
            throw new SchemaObjectExistsException("column", $"{Name}.{column.Name}");
        return this with { Columns = [.. Columns, column] };
    }

    private TableDefinition WithoutColumn(string column)
    {
        _ = GetColumn(column);
        bool Uses(IReadOnlyList<string> columns) => columns.Contains(column, StringComparer.OrdinalIgnoreCase);
        return this with
        {
            Columns = [.. Columns.Where(c => !string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase))],
            PrimaryKey = PrimaryKey is not null && Uses(PrimaryKey.Columns) ? null : PrimaryKey,
            ForeignKeys = [.. ForeignKeys.Where(f => !Uses(f.Columns))],
            UniqueConstraints = [.. UniqueConstraints.Where(u => !Uses(u.Columns))],
            CheckConstraints = [.. CheckConstraints.Where(c => !SqlIdentifiers.Mentions(c.Expression, column))],
            Indexes = [.. Indexes.Where(i => !Uses(i.Columns) && !(i.Filter is { } filter && SqlIdentifiers.Mentions(filter, column)))],
        };
    }

    private TableDefinition WithRenamedColumn(string column, string newName)
    {
        var renamed = GetColumn(column);
        if (FindColumn(newName) is { } taken && !ReferenceEquals(taken, renamed))
            throw new SchemaObjectExistsException("column", $"{Name}.{newName}");
        IReadOnlyList<string> Renamed(IReadOnlyList<string> columns) =>
            [.. columns.Select(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase) ? newName : c)];
        return this with
        {
            Columns = [.. Columns.Select(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase) ? c with { Name = newName } : c)],
            PrimaryKey = PrimaryKey is null ? null : PrimaryKey with { Columns = Renamed(PrimaryKey.Columns) },
            ForeignKeys = [.. ForeignKeys.Select(f => f with
            {
                Columns = Renamed(f.Columns),
                ReferencedColumns = string.Equals(f.ReferencedTable, Name, StringComparison.OrdinalIgnoreCase) ? Renamed(f.ReferencedColumns)
                    : f.ReferencedColumns,
            })],
            UniqueConstraints = [.. UniqueConstraints.Select(u => u with { Columns = Renamed(u.Columns) })],
            CheckConstraints = [.. CheckConstraints.Select(c => c with { Expression = SqlIdentifiers.Rename(c.Expression, column, newName) })],
            Indexes = [.. Indexes.Select(i => i with
            {
                Columns = Renamed(i.Columns),
                Filter = i.Filter is null ? null : SqlIdentifiers.Rename(i.Filter, column, newName),
            })],
        };
    }

    private TableDefinition WithAlteredColumn(AlterColumn alter)
    {
        var current = GetColumn(alter.Column);
        var altered = current with
        {
            Type = alter.Type ?? current.Type,
            Nullable = alter.Nullable ?? current.Nullable,
            Default = alter.DropDefault ? null : alter.Default ?? current.Default,
        };
        return this with { Columns = [.. Columns.Select(c => ReferenceEquals(c, current) ? altered : c)] };
    }

    private List<T> With<T>(IReadOnlyList<T> items, Func<T, string?> name, T added, string? addedName, string kind)
    {
        if (addedName is not null && items.Any(i => string.Equals(name(i), addedName, StringComparison.OrdinalIgnoreCase)))
            throw new SchemaObjectExistsException(kind, $"{addedName} on {Name}");
        return [.. items, added];
    }

    private List<T> Without<T>(IReadOnlyList<T> items, Func<T, string?> name, string target, string kind)
    {
        var kept = items.Where(i => !string.Equals(name(i), target, StringComparison.OrdinalIgnoreCase)).ToList();
        if (kept.Count == items.Count)
            throw new SchemaObjectNotFoundException(kind, $"{target} on {Name}");
        return kept;
    }
}
