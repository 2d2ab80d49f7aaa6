using CleanVisitors.Api.Operations.Logging;
using CleanVisitors.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace CleanVisitors.UnitTests.Api;

public sealed class LoggingSetupTests
{
    private static Serilog.ILogger LoggerFor(string sourceContext, string? level = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(level is null ? [] : [new KeyValuePair<string, string?>("LOG_LEVEL", level)])
            .Build();
        return LoggingSetup.BootstrapLogger(Settings.Normalize(configuration).ReadOrDefault<LoggingOptions>().Level, "Production").ForContext(Constants.SourceContextPropertyName, sourceContext);
    }

    [Fact]
    public void Polly_AttemptsAtInformation_AreNotLogged()
    {
        // Polly logs every attempt of every resilient HTTP call at Information: one event per WhatsApp message.
        var polly = LoggerFor("Polly");

        Assert.False(polly.IsEnabled(LogEventLevel.Information));
        Assert.True(polly.IsEnabled(LogEventLevel.Warning));
    }

    [Fact]
    public void ApplicationSources_AtInformation_AreLogged() =>
        Assert.True(LoggerFor("CleanVisitors.Infrastructure.Notifications.WhatsApp.WhatsAppClient").IsEnabled(LogEventLevel.Information));

    [Fact]
    public void Polly_WithLogLevelDebug_StaysAtWarning() =>
        Assert.False(LoggerFor("Polly", "Debug").IsEnabled(LogEventLevel.Information));
}
