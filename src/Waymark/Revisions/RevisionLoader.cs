using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Waymark.Revisions;

/// <summary>Finds the migrations of an assembly: the <see cref="Migration"/> classes marked with <see cref="RevisionAttribute"/>.</summary>
public static class RevisionLoader
{
    /// <summary>
    /// Reads every revision declared in <paramref name="assembly"/>. Only attributes are read; no
    /// migration is created until its operations are needed.
    /// </summary>
    /// <exception cref="InvalidRevisionException">A marked class is not a concrete <see cref="Migration"/> with a
    /// parameterless constructor.</exception>
    [RequiresUnreferencedCode("Migrations are found by reflection over the assembly's types.")]
    public static IReadOnlyList<Revision> FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var revisions = new List<Revision>();
        foreach (var type in assembly.GetTypes())
        {
            var attribute = type.GetCustomAttribute<RevisionAttribute>(inherit: false);
            if (attribute is null)
                continue;
            revisions.Add(FromType(type, attribute));
        }
        return revisions;
    }

    /// <summary>Reads one migration class's revision.</summary>
    public static Revision FromType(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type, RevisionAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(attribute);
        if (!typeof(Migration).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            throw new InvalidRevisionException(attribute.SourceFile,
                $"{type.FullName} is marked as revision '{attribute.Id}' but is not a concrete Migration with a parameterless constructor.");
        if (attribute.DownRevision is not null && attribute.DownRevisions is not null)
            throw new InvalidRevisionException(
                attribute.SourceFile, $"Revision '{attribute.Id}' sets both DownRevision and DownRevisions; a merge uses DownRevisions alone.");
        IReadOnlyList<string> downs = attribute.DownRevisions ?? (attribute.DownRevision is null ? [] : [attribute.DownRevision]);
        return new Revision(attribute.Id, downs, attribute.Message, attribute.SourceFile, () => (Migration)Activator.CreateInstance(type)!);
    }
}
