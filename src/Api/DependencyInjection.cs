using System.Text;
using CleanVisitors.Api.Infrastructure;
using CleanVisitors.Api.OpenApi;
using CleanVisitors.Application.Common.Behaviors;
using CleanVisitors.Application.Common.Interfaces;
using CleanVisitors.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace CleanVisitors.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        AddHttp(services, configuration);
        AddAuth(services, configuration);
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<BearerSecurityTransformer>();
        });
        services.Configure<ApplicationOptions>(o =>
        {
            if (int.TryParse(configuration["SLOW_HANDLER_THRESHOLD_MS"], out var ms) && ms > 0)
            {
                o.SlowHandlerThresholdMs = ms;
            }
        });
        return services;
    }

    private static void AddHttp(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddControllers(options => options.Conventions.Add(new ProblemResponsesConvention()))
            .AddJsonOptions(options =>
            {
                JsonSetup.Configure(options.JsonSerializerOptions);
                options.AllowInputFormatterExceptionMessages = true;
            })
            .ConfigureApiBehaviorOptions(options => options.InvalidModelStateResponseFactory = JsonSetup.InvalidModelState);
        services.ConfigureHttpJsonOptions(options => JsonSetup.Configure(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<GlobalExceptionHandler>();
        var maxBody = long.TryParse(configuration["MAX_REQUEST_BODY_BYTES"], out var bytes) && bytes > 0 ? bytes : 1_048_576;
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = maxBody;
        });
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = maxBody);
    }

    private static void AddAuth(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                var secret = configuration["JWT_SECRET"] ?? string.Empty;
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
                    RoleClaimType = "role",
                };
            });
        services.AddAuthorization();
    }
}
