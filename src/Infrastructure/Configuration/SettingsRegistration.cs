using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CleanVisitors.Infrastructure.Configuration;

public static class SettingsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from <paramref name="settings"/> and validates it with <typeparamref name="TRules"/>
    /// when the host starts (<c>ValidateOnStart</c>); <see cref="Check"/> runs the same rules before that.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T, TRules>(this IServiceCollection services, IConfiguration settings)
        where T : class, new()
        where TRules : class, IValidator<T>
    {
        services.TryAddSingleton<TRules>();
        services.AddSingleton<IValidateOptions<T>>(provider => new SettingsValidator<T>(provider.GetRequiredService<TRules>()));
        services.AddSingleton(new SettingsEntry(typeof(T), (provider, source) =>
        {
            var conversion = Settings.ConversionErrors(typeof(T), source);
            if (conversion.Count > 0)
            {
                return (conversion, []);
            }

            var result = provider.GetRequiredService<TRules>().Validate(source.Read<T>());
            return (SettingsValidator<T>.Describe(result, Severity.Error), SettingsValidator<T>.Describe(result, Severity.Warning));
        }));
        return services.AddOptions<T>().Bind(settings).ValidateOnStart();
    }

    /// <summary>
    /// Every settings problem at once, before anything listens: <paramref name="register"/> registers the options classes
    /// as the host does, and each is bound and checked, a value that does not convert included.
    /// </summary>
    public static SettingsReport Check(IConfiguration settings, SettingsEnvironment environment, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton(environment);
        register(services);
        using var provider = services.BuildServiceProvider();
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var entry in provider.GetServices<SettingsEntry>())
        {
            var (entryErrors, entryWarnings) = entry.Check(provider, settings);
            errors.AddRange(entryErrors);
            warnings.AddRange(entryWarnings);
        }

        if (!environment.IsKnown)
        {
            warnings.Add($"The environment '{environment.Name}' is not one of {string.Join(", ", SettingsEnvironment.Known)}; its configuration is checked like Production's.");
        }

        return new SettingsReport(errors, warnings);
    }
}
