using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TimeTracker.Web.OpenApi;

/// <summary>A type's schema as a reference to the document's components, added there when it is not yet.</summary>
internal static class SchemaReferences
{
    /// <summary>
    /// A reference to <paramref name="type"/>'s component (named as the generator names them: the type's name, or
    /// <c>PageOfX</c> for a generic page); <c>string</c> is an inline string schema.
    /// </summary>
    public static async Task<IOpenApiSchema> ForAsync(Type type, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (type == typeof(string))
            return new OpenApiSchema { Type = JsonSchemaType.String };
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Join(
            "And", type.GetGenericArguments().Select(a => a.Name)) : type.Name;
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(name) != true)
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        return new OpenApiSchemaReference(name, document);
    }
}
