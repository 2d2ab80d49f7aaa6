using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CleanVisitors.Api.Http;

/// <summary>
/// Strict JSON: unknown and duplicate properties are errors (which also refuses <c>__proto__</c>,
/// <c>constructor</c> and <c>prototype</c> keys: no request type has such a member), nesting is capped at 64,
/// enums are names only, times are written as UTC with a <c>Z</c>.
/// </summary>
internal static partial class JsonSetup
{
    public const int MaxDepth = 64;

    public static void Configure(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.MaxDepth = MaxDepth;
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new UtcDateTimeOffsetConverter());
        options.Converters.Add(new SanitizingStringConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(VerbatimPasswords);
    }

    /// <summary>
    /// Passwords are used exactly as sent (contract, Auth): a property whose JSON name holds "password" skips
    /// <see cref="SanitizingStringConverter"/> (no trimming, normalisation or control-character stripping), so
    /// " secret" and "secret" are two passwords. A NUL in one is still 400.
    /// </summary>
    private static void VerbatimPasswords(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(string) && property.Name.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                property.CustomConverter = VerbatimStringConverter.Instance;
            }
        }
    }

    /// <summary>
    /// Turns model-binding and JSON failures into a validation problem with clean field names
    /// (<c>$.visitor.fullName</c> → <c>visitor.fullName</c>) and messages that name no .NET types.
    /// </summary>
    public static IActionResult InvalidModelState(ActionContext context)
    {
        var clean = new ModelStateDictionary();
        var hasJsonErrors = context.ModelState.Keys.Any(k => k.StartsWith('$'));
        foreach (var (key, entry) in context.ModelState)
        {
            // A body that failed to parse also reports its parameter as missing: that echo helps nobody.
            if (hasJsonErrors && !key.StartsWith('$'))
            {
                continue;
            }

            foreach (var error in entry.Errors)
            {
                var field = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key == "$" ? "body" : key;
                clean.AddModelError(field.Length == 0 ? "body" : char.ToLowerInvariant(field[0]) + field[1..], Describe(error, field));
            }
        }

        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(context.HttpContext, clean, StatusCodes.Status400BadRequest,
            detail: "The request is malformed or has invalid fields.");
        problem.Extensions["code"] = OpenApi.ProblemCodes.Malformed;
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    /// <summary>
    /// A message for the client, never the parser's own text (which names .NET types, byte positions and the reader's
    /// internals): what is wrong, and for a wrong type what was expected.
    /// </summary>
    private static string Describe(ModelError error, string field)
    {
        var message = error.Exception?.Message ?? error.ErrorMessage;
        if (message == SanitizingStringConverter.NulMessage)
        {
            return message;
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "Unknown property.";
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "Duplicate property.";
        }

        if (message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            return $"The JSON is nested deeper than {MaxDepth} levels.";
        }

        if (message.Contains("non-empty request body is required", StringComparison.Ordinal) || message.EndsWith("field is required.", StringComparison.Ordinal))
        {
            return "A JSON request body is required.";
        }

        if (message.Contains("Expected depth to be zero", StringComparison.Ordinal) || message.Contains("end of data", StringComparison.OrdinalIgnoreCase))
        {
            return "The JSON ends too early: an object, array or string is not closed.";
        }

        if (ConvertedTo().Match(message) is { Success: true } conversion)
        {
            return $"Expected {Expected(TypeAt(conversion.Groups["type"].Value, field))}.";
        }

        if (message.StartsWith("The value '", StringComparison.Ordinal) || message.EndsWith("is not valid.", StringComparison.Ordinal))
        {
            return "The value is not valid here.";
        }

        return error.Exception is not null || message.Contains("LineNumber", StringComparison.Ordinal) || message.Contains("JSON", StringComparison.Ordinal)
            ? "Not valid JSON here."
            : message;
    }

    /// <summary>
    /// The type the client's value should have had. System.Text.Json names the type it was building, which for a record
    /// is the whole request: the field's own type is then that record's property of the field's name.
    /// </summary>
    private static Type? TypeAt(string typeName, string field)
    {
        var name = typeName.Replace("System.Nullable`1[", string.Empty, StringComparison.Ordinal).TrimEnd('.').TrimEnd(']');
        var type = Type.GetType(name) ?? AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => assembly.GetName().Name?.StartsWith("CleanVisitors", StringComparison.Ordinal) == true)
            .Select(assembly => assembly.GetType(name))
            .FirstOrDefault(found => found is not null);
        var last = field.Split('.', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        var property = type is null || type.IsEnum || type.Namespace == "System" || last is null
            ? null
            : type.GetProperty(last, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
        var result = property?.PropertyType ?? type;
        return result is null ? null : Nullable.GetUnderlyingType(result) ?? result;
    }

    /// <summary>A JSON value of the wrong kind, in the client's words (a .NET type name means nothing to them).</summary>
    private static string Expected(Type? type) => type switch
    {
        null => "a value of another kind (see the API's documentation)",
        _ when type == typeof(string) => "a string",
        _ when type == typeof(Guid) => "a UUID string",
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an ISO 8601 date-time string such as 2030-01-01T09:30:00Z",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(decimal) || type == typeof(double) => "a number",
        { IsEnum: true } => "one of " + string.Join(", ", Enum.GetNames(type)),
        _ => "an object",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"could not be converted to (?<type>[\w.`\[\]]+)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ConvertedTo();

    /// <summary>A string as sent, except that a NUL in it is refused.</summary>
    internal sealed class VerbatimStringConverter : JsonConverter<string>
    {
        public static readonly VerbatimStringConverter Instance = new();

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value is null ? null : SanitizingStringConverter.RefuseNul(value);
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    internal sealed class SanitizingStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            return Sanitize(RefuseNul(reader.GetString()!));
        }

        /// <summary>
        /// A NUL anywhere in a request is 400 (contract, Auth); it would otherwise be dropped with the other control
        /// characters, or kept as is where strings are not sanitised (passwords).
        /// </summary>
        internal static string RefuseNul(string value) => value.Contains('\0') ? throw new JsonException(NulMessage) : value;

        public const string NulMessage = "Must not contain a NUL character (U+0000).";

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        internal static string Sanitize(string value)
        {
            var normalized = value.Trim().Normalize(System.Text.NormalizationForm.FormC);
            if (!normalized.Any(char.IsControl))
            {
                return normalized;
            }

            var builder = new System.Text.StringBuilder(normalized.Length);
            foreach (var c in normalized.Replace("\r\n", "\n", StringComparison.Ordinal))
            {
                if (!char.IsControl(c) || c is '\n' or '\t')
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }
    }

    private sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            UtcTime.Write(writer, value);
    }
}
