using System.Text;
using CleanVisitors.Api.Configuration;
using CleanVisitors.Api.Http;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.Api.Operations.Health;
using CleanVisitors.Api.Operations.Logging;
using CleanVisitors.Api.Operations.Monitoring;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.Api.Security;
using CleanVisitors.Api.Startup;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Infrastructure.Configuration;
using CleanVisitors.Infrastructure.Identity;
using CleanVisitors.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace CleanVisitors.Api;

public static class DependencyInjection
{
    /// <summary>The API layer, its options bound from <paramref name="settings"/> (<see cref="ServiceSettings.AddApiSettings"/>).</summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration settings)
    {
        services.AddApiSettings(settings);
        AddHttp(services);
        AddAuth(services);
        AddMonitoring(services, settings.Read<TelemetryOptions>());
        services.AddHttpSecurity();
        services.AddRateLimits();
        services.AddSingleton<RequestConcurrencyLimit>();
        services.AddApiHealthChecks();
        services.AddGracefulShutdown();
        services.AddApiDocument();
        return services;
    }

    /// <summary>
    /// The request's way: forwarded headers (trusted proxies only) → request logging → security headers → the graceful
    /// shutdown's drain (refuses what arrives once shutdown started, counts what it admits) → the concurrency limit (queues
    /// what the database pool cannot serve at once, sheds past the queue) → exception handler → HSTS → routing → CORS →
    /// authentication → rate limiter (and its headers) → body limit → authorization. Authentication runs before the rate
    /// limiter so the global limit can count per user; the body limit after it, as in the Node service, so an oversized
    /// body counts and its 413 says where the client stands.
    /// </summary>
    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        if (SecuritySetup.HasTrustedProxies(app.Services))
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestDrain>();
        app.UseMiddleware<RequestConcurrencyLimit>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ManagementPort>();
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }

        app.UseRouting();
        app.UseCors();
        // After CORS, as the framework asks; only endpoints with a policy use it (the OpenAPI document).
        app.UseOutputCache();
        app.UseAuthentication();
        app.Use(TokensFollowTheUser.RaiseDatabaseFailure);
        app.UseMiddleware<UserLogContextMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<RateLimitHeadersMiddleware>();
        // After the limiter, as in the Node service (express-rate-limit before the body parser): an oversized body counts.
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<NulCharacterGuard>();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        app.MapOpenApi().DisableRateLimiting().CacheOutput(DocumentCachePolicy.Instance);
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().DisableRateLimiting();
        }

        app.MapPrometheusScrapingEndpoint(ManagementPort.MetricsPath).DisableRateLimiting();
        app.MapControllers();
        return app;
    }

    private static void AddHttp(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddControllers(options => options.Conventions.Add(new ProblemResponsesConvention()))
            .AddJsonOptions(options => JsonSetup.Configure(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options => options.InvalidModelStateResponseFactory = JsonSetup.InvalidModelState);
        services.ConfigureHttpJsonOptions(options => JsonSetup.Configure(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Detail ??= DefaultDetail(context.ProblemDetails.Status);
            // Every problem has a code a program can act on; the framework's own (401, 403, 404, 405, 415 …) get their status's.
            context.ProblemDetails.Extensions.TryAdd("code", ProblemCodes.ForStatus(context.ProblemDetails.Status));
            // The request's own server activity (the one hosting started), not whatever Activity.Current is at this point.
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpActivityFeature>()?.Activity.Id
                ?? System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<GlobalExceptionHandler>();
        services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>()
            .Configure<IOptions<ServerOptions>>((form, server) => form.MultipartBodyLengthLimit = server.Value.MaxRequestBodyBytes);
    }

    /// <summary>A plain sentence for problems the framework writes without one (401, 403, 404, 405, 415 …).</summary>
    private static string? DefaultDetail(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid.",
        StatusCodes.Status401Unauthorized => AuthorizationErrors.Unauthenticated.Description,
        StatusCodes.Status403Forbidden => AuthorizationErrors.Forbidden.Description,
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept that HTTP method.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as this endpoint reads it: application/json, or multipart/form-data with a file field for a photo upload.",
        _ => null,
    };

    private static void AddAuth(IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer().AddCronSecret();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<JwtOptions>>((options, jwtOptions) =>
            {
                var jwt = jwtOptions.Value;
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = jwt.Issuer,
                    ValidateAudience = true,
                    ValidAudience = jwt.Audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = JwtOptions.ClockSkew,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.Secret)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "sub",
                    RoleClaimType = AccessTokenClaims.Role,
                };
                options.Events = new JwtBearerEvents { OnTokenValidated = TokensFollowTheUser.OnTokenValidated };
            });
        services.AddAuthorization();
    }

    private static void AddMonitoring(IServiceCollection services, TelemetryOptions telemetryOptions)
    {
        services.AddSingleton<RequestStatistics>();
        services.AddHostedService<PerformanceReporter>();
        services.AddSingleton<MemoryMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<MemoryMonitor>());
        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<IHealthCheckPublisher, ReadinessPublisher>();
        services.Configure<HealthCheckPublisherOptions>(ReadinessPublisher.Configure);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(telemetryOptions.ServiceName, serviceVersion: LoggingSetup.AppVersion))
            .WithMetrics(metrics => metrics
                // Semantic-convention meters: requests (ASP.NET Core, Kestrel), the runtime, PostgreSQL (Npgsql),
                // outgoing HTTP (the WhatsApp calls), the broker (MassTransit); then the service's own.
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", "System.Net.Http", "MassTransit")
                .AddMeter(ApiMetrics.MeterName, ApplicationMetrics.MeterName, OperationalMetrics.MeterName)
                .AddPrometheusExporter());
        if (telemetryOptions.TracesExported)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.EnrichWithHttpRequest = RedactSecretPath;
                    o.Filter = context => !IsOperational(context.Request.Path);
                })
                .AddSource("Npgsql", "System.Net.Http", "MassTransit", Tracing.SourceName));
        }

        if (telemetryOptions.Exported)
        {
            // The standard variables: OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL (grpc or http/protobuf, whose per-signal
            // paths the exporter adds itself), _HEADERS, _TIMEOUT, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES,
            // OTEL_TRACES_SAMPLER … (README, "Operating it").
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>Health and metrics requests: probes and scrapes every few seconds, never worth a trace.</summary>
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    /// <summary>A server span's <c>url.path</c> without an approval link's token (its name is the route template already).</summary>
    internal static void RedactSecretPath(System.Diagnostics.Activity activity, HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var redacted = SecretPaths.Redact(path);
        if (redacted != path)
        {
            activity.SetTag("url.path", redacted);
        }
    }
}
