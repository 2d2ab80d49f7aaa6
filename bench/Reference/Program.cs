using CleanVisitors.Bench.Reference;
using Npgsql;

// The benchmark's reference: the product's hot endpoints with the same SQL and the same JSON, on raw Npgsql,
// with no authentication, no middleware and no logging per request. It is the ceiling the product is measured against.
//   REF_DATABASE  Npgsql keyword connection string (run.sh sets auto-preparation and no reset on close: see bench/README.md)
//   REF_PORT      the port to listen on (default 5099)
//   JWT_SECRET    the login endpoint signs its tokens with it, as the product does
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{Environment.GetEnvironmentVariable("REF_PORT") ?? "5099"}");
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, ReferenceJson.Product);
    options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    options.SerializerOptions.Converters.Add(new UtcDateTimeConverter());
});

var connectionString = Environment.GetEnvironmentVariable("REF_DATABASE")
    ?? throw new InvalidOperationException("REF_DATABASE (an Npgsql connection string) is required.");
var jwtSecret = Environment.GetEnvironmentVariable("JWT_SECRET")
    ?? throw new InvalidOperationException("JWT_SECRET is required.");

await using var dataSource = NpgsqlDataSource.Create(connectionString);
var endpoints = new Endpoints(dataSource, new LoginIssuer(jwtSecret), await Endpoints.ActorAsync(dataSource));

var app = builder.Build();
app.MapGet("/health/ready", endpoints.ReadyAsync);
app.MapGet("/api/visits/{id:guid}", endpoints.GetVisitAsync);
app.MapGet("/api/visits", endpoints.ListVisitsAsync);
app.MapGet("/api/visits/on-site", endpoints.OnSiteAsync);
app.MapGet("/api/visits/export", endpoints.ExportAsync);
app.MapPost("/api/visits", endpoints.CreateVisitAsync);
app.MapGet("/api/visitors", endpoints.ListVisitorsAsync);
app.MapPost("/api/auth/login", endpoints.LoginAsync);

// The WhatsApp provider's stand-in for the notifications measurement.
var whatsApp = new WhatsAppStandIn();
app.MapPost("/whatsapp/messages", whatsApp.ReceiveAsync);
app.MapGet("/whatsapp/counts", whatsApp.Counts);
await app.RunAsync();
