using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace TimeTracker.Tests.Architecture;

/// <summary>
/// What the code of each type of an assembly refers to: the types named in its signatures, and the types and members
/// its method bodies use (read from the IL, so <c>x is NpgsqlConnection</c> and a property read count). Lambdas and
/// async state machines count as the type they were written in.
/// </summary>
internal sealed class FeatureReferences
{
    private readonly Dictionary<string, HashSet<string>> _byType = [];

    private FeatureReferences(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            var owner = OuterName(metadata, type);
            if (!_byType.TryGetValue(owner, out var used))
                _byType[owner] = used = [];
            var names = new SignatureNames(used);
            if (!type.BaseType.IsNil)
                used.Add(TypeName(metadata, type.BaseType));
            foreach (var fieldHandle in type.GetFields())
                metadata.GetFieldDefinition(fieldHandle).DecodeSignature(names, null);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                method.DecodeSignature(names, null);
                if (method.RelativeVirtualAddress == 0)
                    continue;
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                if (!body.LocalSignature.IsNil)
                    metadata.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null);
                foreach (var token in Tokens(body.GetILReader()))
                    used.Add(Name(metadata, MetadataTokens.EntityHandle(token)));
            }
        }
    }

    /// <summary>The references of the types of the assembly at <paramref name="path"/>.</summary>
    public static FeatureReferences Of(string path) => new(path);

    /// <summary>Every type (by full name) and what it refers to: <c>Namespace.Type</c> and <c>Namespace.Type::Member</c>.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> ByType => _byType;

    private static string OuterName(MetadataReader metadata, TypeDefinition type)
    {
        while (type.IsNested)
            type = metadata.GetTypeDefinition(type.GetDeclaringType());
        return $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}";
    }

    private static string Name(MetadataReader metadata, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.MemberReference => MemberName(metadata, metadata.GetMemberReference((MemberReferenceHandle)handle)),
        HandleKind.MethodDefinition => MethodName(metadata, metadata.GetMethodDefinition((MethodDefinitionHandle)handle)),
        HandleKind.FieldDefinition => FieldName(metadata, metadata.GetFieldDefinition((FieldDefinitionHandle)handle)),
        HandleKind.MethodSpecification => Name(metadata, metadata.GetMethodSpecification((MethodSpecificationHandle)handle).Method),
        HandleKind.TypeReference or HandleKind.TypeDefinition or HandleKind.TypeSpecification => TypeName(metadata, handle),
        _ => "",
    };

    private static string MethodName(MetadataReader metadata, MethodDefinition method) =>
        $"{OuterName(metadata, metadata.GetTypeDefinition(method.GetDeclaringType()))}::{metadata.GetString(method.Name)}";

    private static string FieldName(MetadataReader metadata, FieldDefinition field) =>
        $"{OuterName(metadata, metadata.GetTypeDefinition(field.GetDeclaringType()))}::{metadata.GetString(field.Name)}";

    private static string MemberName(MetadataReader metadata, MemberReference member) =>
        $"{TypeName(metadata, member.Parent)}::{metadata.GetString(member.Name)}";

    private static string TypeName(MetadataReader metadata, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
                var reference = metadata.GetTypeReference((TypeReferenceHandle)handle);
                return reference.ResolutionScope.Kind == HandleKind.TypeReference
                    ? TypeName(metadata, (EntityHandle)reference.ResolutionScope)
                    : $"{metadata.GetString(reference.Namespace)}.{metadata.GetString(reference.Name)}";
            case HandleKind.TypeDefinition:
                return OuterName(metadata, metadata.GetTypeDefinition((TypeDefinitionHandle)handle));
            case HandleKind.TypeSpecification:
                var names = new HashSet<string>();
                metadata.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(new SignatureNames(names), null);
                return string.Join(" ", names);
            default:
                return "";
        }
    }

    // The metadata tokens the IL of a method body uses as operands.
    private static IEnumerable<int> Tokens(BlobReader il)
    {
        var tokens = new List<int>();
        while (il.RemainingBytes > 0)
        {
            int code = il.ReadByte();
            if (code == 0xFE)
                code = 0xFE00 | il.ReadByte();
            switch (OperandOf(code))
            {
                case Operand.Token:
                    tokens.Add(il.ReadInt32());
                    break;
                case Operand.Switch:
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case var size:
                    il.Offset += (int)size;
                    break;
            }
        }
        return tokens.Where(t => (t >> 24) is 0x01 or 0x02 or 0x04 or 0x06 or 0x0A or 0x1B or 0x2B);
    }

    private enum Operand { None = 0, One = 1, Two = 2, Four = 4, Eight = 8, Token = 100, Switch = 101 }

    private static Operand OperandOf(int code) => code switch
    {
        >= 0x0E and <= 0x13 or 0x1F or >= 0x2B and <= 0x37 or 0xDE or 0xFE12 => Operand.One,
        >= 0xFE09 and <= 0xFE0E => Operand.Two,
        0x20 or 0x22 or >= 0x38 and <= 0x44 or 0xDD => Operand.Four,
        0x21 or 0x23 => Operand.Eight,
        0x45 => Operand.Switch,
        0x27 or 0x28 or 0x29 or 0x6F or 0x70 or 0x71 or 0x72 or 0x73 or 0x74 or 0x75 or 0x79 or 0x7B or 0x7C or 0x7D or 0x7E or 0x7F or 0x80
            or 0x81 or 0x8C or 0x8D or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0
            or 0xFE06 or 0xFE07 or 0xFE15 or 0xFE16 or 0xFE1C => Operand.Token,
        _ => Operand.None,
    };
}
