using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace CleanVisitors.Infrastructure.Configuration;

/// <summary>
/// The service's settings as its options classes read them: the Node service's environment variable names, bound
/// through <see cref="ConfigurationKeyNameAttribute"/> on each option's property. This is the one place that reads
/// <see cref="IConfiguration"/>; everything else takes its options class.
/// </summary>
public static class Settings
{
    /// <summary>A comma-separated setting (<c>CORS_ORIGIN</c>, <c>TRUSTED_PROXIES</c>) as its entries, trimmed, without empty ones.</summary>
    public static IReadOnlyList<string> List(string? value) =>
        value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>
    /// The configuration with blank values unset (docker compose passes <c>""</c> for optional settings, so their
    /// defaults apply) and the others trimmed.
    /// </summary>
    public static IConfiguration Normalize(IConfiguration configuration) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.AsEnumerable()
                .Where(entry => !string.IsNullOrWhiteSpace(entry.Value))
                .Select(entry => KeyValuePair.Create(entry.Key, (string?)entry.Value!.Trim())))
            .Build();

    /// <summary>An options class bound from <paramref name="settings"/> with the binder the options use.</summary>
    public static T Read<T>(this IConfiguration settings)
        where T : class, new()
    {
        var options = new T();
        settings.Bind(options);
        return options;
    }

    /// <summary>An options class bound from <paramref name="settings"/>, or its defaults when a value does not convert.</summary>
    public static T ReadOrDefault<T>(this IConfiguration settings)
        where T : class, new() =>
        ConversionErrors(typeof(T), settings).Count == 0 ? settings.Read<T>() : new T();

    /// <summary>The variable a property of an options class is bound from (null when none).</summary>
    public static string? KeyOf(Type optionsType, string propertyName) =>
        optionsType.GetProperty(propertyName)?.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name;

    /// <summary>
    /// Every value of <paramref name="optionsType"/>'s variables that its property's type cannot take (a word where a
    /// number belongs), each naming the variable: the binder itself would stop at the first.
    /// </summary>
    public static IReadOnlyList<string> ConversionErrors(Type optionsType, IConfiguration settings)
    {
        var errors = new List<string>();
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name is not { } key || settings[key] is not { } raw)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(string) || Converts(type, raw))
            {
                continue;
            }

            errors.Add(type == typeof(bool) ? $"{key} must be true or false; it is '{raw}'."
                : type.IsEnum ? $"{key} must be one of {string.Join(", ", Enum.GetNames(type))}; it is '{raw}'."
                : $"{key} must be a whole number; it is '{raw}'.");
        }

        return errors;
    }

    private static bool Converts(Type type, string raw)
    {
        try
        {
            // What the binder does: the type's converter, in the invariant culture.
            var value = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(raw);
            // An enum converter takes any number; a name is what the operator means.
            return !type.IsEnum || (value is not null && Enum.IsDefined(type, value) && !int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }
}
