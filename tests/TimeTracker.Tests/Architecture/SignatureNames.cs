using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace TimeTracker.Tests.Architecture;

/// <summary>
/// Decodes a signature into the full names of the types it names (generic arguments included), collected in
/// <paramref name="names"/>.
/// </summary>
internal sealed class SignatureNames(HashSet<string> names) : ISignatureTypeProvider<string, object?>
{
    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        var type = reader.GetTypeDefinition(handle);
        while (type.IsNested)
            type = reader.GetTypeDefinition(type.GetDeclaringType());
        return Add($"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}");
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var type = reader.GetTypeReference(handle);
        while (type.ResolutionScope.Kind == HandleKind.TypeReference)
            type = reader.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
        return Add($"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}");
    }

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType;
    public string GetArrayType(string elementType, ArrayShape shape) => elementType;
    public string GetSZArrayType(string elementType) => elementType;
    public string GetByReferenceType(string elementType) => elementType;
    public string GetPointerType(string elementType) => elementType;
    public string GetPinnedType(string elementType) => elementType;
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    public string GetFunctionPointerType(MethodSignature<string> signature) => "";
    public string GetGenericMethodParameter(object? genericContext, int index) => "";
    public string GetGenericTypeParameter(object? genericContext, int index) => "";
    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "";

    private string Add(string name)
    {
        names.Add(name);
        return name;
    }
}
