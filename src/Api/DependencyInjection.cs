using System.Text;
using CleanVisitors.Api.Health;
using CleanVisitors.Api.Infrastructure;
using CleanVisitors.Api.Lifecycle;
using CleanVisitors.Api.Logging;
using CleanVisitors.Api.Monitoring;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.Api.RateLimiting;
using CleanVisitors.Api.Security;
using CleanVisitors.Application.Common.Authorization;
using CleanVisitors.Application.Common.Behaviors;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Application.Common.Telemetry;
using CleanVisitors.Infrastructure.Configuration;
using CleanVisitors.Infrastructure.Identity;
using CleanVisitors.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.IdentityModel.Tokens;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace CleanVisitors.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        AddHttp(services, configuration);
        AddAuth(services, configuration);
        AddMonitoring(services, configuration);
        services.AddHttpSecurity(configuration);
        services.AddRateLimits(configuration);
        services.AddSingleton<RequestConcurrencyLimit>();
        services.AddApiHealthChecks();
        services.AddGracefulShutdown(configuration);
        services.AddApiDocument();
        services.Configure<ApplicationOptions>(o => o.SlowHandlerThresholdMs = configuration.Number("SLOW_HANDLER_THRESHOLD_MS", o.SlowHandlerThresholdMs));
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
        if (SecuritySetup.HasTrustedProxies(app.Configuration))
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
        app.MapOpenApi().DisableRateLimiting();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().DisableRateLimiting();
        }

        app.MapPrometheusScrapingEndpoint(ManagementPort.MetricsPath).DisableRateLimiting();
        app.MapControllers();
        return app;
    }

    private static void AddHttp(IServiceCollection services, IConfiguration configuration)
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
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = configuration.Bytes("MAX_REQUEST_BODY_BYTES", 1_048_576));
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

    private static void AddAuth(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                var secret = configuration.Setting("JWT_SECRET") ?? string.Empty;
                var jwt = new JwtOptions();
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
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "sub",
                    RoleClaimType = AccessTokenClaims.Role,
                };
                options.Events = new JwtBearerEvents { OnTokenValidated = TokensFollowTheUser.OnTokenValidated };
            })
            .AddCronSecret(configuration.Setting("CRON_SECRET"));
        services.AddAuthorization();
    }

    private static void AddMonitoring(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RequestStatistics>();
        services.AddHostedService<PerformanceReporter>();
        services.AddSingleton<MemoryMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<MemoryMonitor>());
        services.AddSingleton<ApiMetrics>();
        services.AddSingleton<IHealthCheckPublisher, ReadinessPublisher>();
        services.Configure<HealthCheckPublisherOptions>(ReadinessPublisher.Configure);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Telemetry.ServiceName(configuration), serviceVersion: LoggingSetup.AppVersion))
            .WithMetrics(metrics => metrics
                // Semantic-convention meters: requests (ASP.NET Core, Kestrel), the runtime, PostgreSQL (Npgsql),
                // outgoing HTTP (the WhatsApp calls), the broker (MassTransit); then the service's own.
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", "System.Net.Http", "MassTransit")
                .AddMeter(ApiMetrics.MeterName, ApplicationMetrics.MeterName, OperationalMetrics.MeterName)
                .AddPrometheusExporter());
        if (Telemetry.TracesExported(configuration))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.EnrichWithHttpRequest = RedactSecretPath;
                    o.Filter = context => !IsOperational(context.Request.Path);
                })
                .AddSource("Npgsql", "System.Net.Http", "MassTransit", Tracing.SourceName));
        }

        if (Telemetry.Exported(configuration))
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
