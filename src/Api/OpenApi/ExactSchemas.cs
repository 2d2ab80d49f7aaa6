using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using CleanVisitors.Application.Common.Models;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanVisitors.Api.OpenApi;

/// <summary>
/// Makes every schema say what the API really reads and writes:
/// <list type="bullet">
/// <item>strings and times are typed (the API's own string and time converters hide their type from the schema exporter);</item>
/// <item>integers are integers (the "Web" JSON defaults also read numbers from strings, which is leniency, not the contract);</item>
/// <item>enums are string enums;</item>
/// <item>a field is nullable exactly when its C# type is (nullable reference types included);</item>
/// <item>a response lists every field as required (every field is always written, null or not); a request requires what
/// its validators require, and carries their lengths, patterns, formats and bounds (<see cref="ValidationFacts"/>);</item>
/// <item>a page's items are capped at the largest page size.</item>
/// </list>
/// </summary>
internal sealed class ExactSchemas(ValidationFacts validation) : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var property = context.JsonPropertyInfo;
        var nullable = property is not null ? IsNullable(property) : Nullable.GetUnderlyingType(type) is not null;

        if (underlying == typeof(string))
        {
            SetType(schema, JsonSchemaType.String, nullable);
        }
        else if (underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime))
        {
            SetType(schema, JsonSchemaType.String, nullable);
            schema.Format = "date-time";
        }
        else if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(short))
        {
            SetType(schema, JsonSchemaType.Integer, nullable);
            schema.Pattern = null;
        }
        else if (underlying.IsEnum && schema.Enum is { Count: > 0 })
        {
            SetType(schema, JsonSchemaType.String, nullable && property is null);
        }

        // Fixed-size text: a UUID is 36 characters, an ISO 8601 time with offset and 7 decimals at most 35.
        if (schema.Format == "uuid")
        {
            schema.MaxLength ??= 36;
        }
        else if (schema.Format == "date-time")
        {
            schema.MaxLength ??= 35;
        }

        if (property is not null && property.DeclaringType is { } declaring && validation.For(declaring) is { } facts
            && facts.TryGetValue(property.Name, out var field))
        {
            Constrain(schema, field);
            if (field.Required)
            {
                NotNull(schema); // declared string? so that a missing field gets the rule's message, yet null is refused
            }
        }

        // An object's own schema; a nested object's arrives with the property that holds it.
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 } properties)
        {
            var requestFacts = validation.For(type);
            if (requestFacts is not null)
            {
                schema.Metadata ??= new Dictionary<string, object>();
                schema.Metadata[RequestMark] = true;
            }

            schema.Required = requestFacts is null
                ? new HashSet<string>(properties.Keys, StringComparer.Ordinal) // a response: every field is always written
                : new HashSet<string>(properties.Keys.Where(name => requestFacts.TryGetValue(name, out var f) && f.Required), StringComparer.Ordinal);
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PagedList<>)
                && properties.TryGetValue("items", out var items) && items is OpenApiSchema itemsSchema)
            {
                itemsSchema.MaxItems = Paging.MaxPageSize;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>A field's nullability as C# declares it: <c>string?</c>, <c>Guid?</c> and <c>VisitStatus?</c> may be null.</summary>
    private static bool IsNullable(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && (property.IsGetNullable || property.IsSetNullable));

    /// <summary>Marks the schema of a request type, whose required fields the document transformer makes non-null.</summary>
    public const string RequestMark = "cleanvisitors:request";

    private static void NotNull(OpenApiSchema schema)
    {
        if (schema.Type is { } type)
        {
            schema.Type = type & ~JsonSchemaType.Null;
        }

        if (schema.OneOf is { Count: > 1 } oneOf)
        {
            foreach (var nullOnly in oneOf.Where(s => s is OpenApiSchema { Type: JsonSchemaType.Null }).ToList())
            {
                oneOf.Remove(nullOnly);
            }
        }
    }

    private static void SetType(OpenApiSchema schema, JsonSchemaType type, bool nullable)
    {
        if (schema.OneOf is { Count: > 0 } || schema.AllOf is { Count: > 0 } || schema.AnyOf is { Count: > 0 })
        {
            return;
        }

        schema.Type = nullable ? type | JsonSchemaType.Null : type;
    }

    internal static void Constrain(OpenApiSchema schema, FieldFacts field)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String))
        {
            schema.MaxLength = field.MaxLength ?? schema.MaxLength;
            schema.MinLength = field.MinLength ?? schema.MinLength;
            schema.Pattern = field.Pattern ?? schema.Pattern;
            schema.Format = field.Format ?? schema.Format;
            if (field.AllowedValues is { } values)
            {
                schema.Enum = [.. values.Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v))];
            }
        }

        if (schema.Type is { } number && (number.HasFlag(JsonSchemaType.Integer) || number.HasFlag(JsonSchemaType.Number)))
        {
            if (field.Minimum is { } minimum)
            {
                var bound = minimum.ToString(CultureInfo.InvariantCulture);
                (schema.Minimum, schema.ExclusiveMinimum) = field.ExclusiveMinimum ? ((string?)null, bound) : (bound, (string?)null);
            }

            if (field.Maximum is { } maximum)
            {
                var bound = maximum.ToString(CultureInfo.InvariantCulture);
                (schema.Maximum, schema.ExclusiveMaximum) = field.ExclusiveMaximum ? ((string?)null, bound) : (bound, (string?)null);
            }
        }
    }
}
