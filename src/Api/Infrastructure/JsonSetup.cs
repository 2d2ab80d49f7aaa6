using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CleanVisitors.Api.Infrastructure;

/// <summary>
/// Strict JSON: unknown and duplicate properties are errors (which also refuses <c>__proto__</c>,
/// <c>constructor</c> and <c>prototype</c> keys: no request type has such a member), nesting is capped at 64,
/// enums are names only, times are written as UTC with a <c>Z</c>.
/// </summary>
internal static class JsonSetup
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
                clean.AddModelError(field.Length == 0 ? "body" : char.ToLowerInvariant(field[0]) + field[1..], Describe(error));
            }
        }

        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(context.HttpContext, clean, StatusCodes.Status400BadRequest,
            detail: "The request is malformed or has invalid fields.");
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    private static string Describe(ModelError error)
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

        if (message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return $"The JSON is nested deeper than {MaxDepth} levels.";
        }

        if (message.Contains("non-empty request body is required", StringComparison.Ordinal) || message.EndsWith("field is required.", StringComparison.Ordinal))
        {
            return "A JSON request body is required.";
        }

        if (message.StartsWith("The value '", StringComparison.Ordinal) || message.EndsWith("is not valid.", StringComparison.Ordinal))
        {
            return "The value is not valid here.";
        }

        return error.Exception is not null || message.Contains("JSON", StringComparison.Ordinal) ? "The JSON value is not valid here." : message;
    }

    /// <summary>
    /// Every string a client sends is trimmed, Unicode-normalised (NFC) and stripped of control characters
    /// (newlines and tabs kept, for free text; single-line fields then refuse them in their validators).
    /// </summary>
    /// <summary>A string as sent, except that a NUL in it is refused.</summary>
    internal sealed class VerbatimStringConverter : JsonConverter<string>
    {
        public static readonly VerbatimStringConverter Instance = new();

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value?.Contains('\0') == true ? throw new JsonException(SanitizingStringConverter.NulMessage) : value;
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

            var value = reader.GetString()!;
            // A NUL anywhere in a request is 400 (contract, Auth); it would otherwise be dropped with the other control
            // characters, or kept as is where strings are not sanitised (passwords).
            return value.Contains('\0') ? throw new JsonException(NulMessage) : Sanitize(value);
        }

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
            writer.WriteStringValue(UtcTime.Format(value));
    }
}
