using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanVisitors.Bench.Reference;

// The product's response shapes (src/Application/Visits/VisitDto.cs, Visitors/VisitorDto.cs, Common/Models/Paging.cs,
// Auth/Commands/Login): camelCase, enums as their names, nulls written, times as UTC with a Z to the microsecond.
internal sealed record VisitJson(
    Guid Id,
    Guid SiteId,
    string Status,
    string Purpose,
    string? Notes,
    DateTime? ExpectedAt,
    string BadgeCode,
    VisitVisitorJson Visitor,
    VisitHostJson Host,
    DateTime CreatedAt,
    DateTime? ApprovedAt,
    DateTime? RejectedAt,
    string? RejectionReason,
    DateTime? CheckedInAt,
    DateTime? CheckedOutAt,
    DateTime? CancelledAt,
    DateTime? ExpiredAt);

internal sealed record VisitVisitorJson(Guid? Id, string? FullName, string? PhoneNumber, string? Company);

internal sealed record VisitHostJson(Guid Id, string FullName);

internal sealed record VisitorJson(
    Guid Id,
    string? FullName,
    string? PhoneNumber,
    string? Email,
    string? Company,
    bool IsBlocked,
    string? BlockReason,
    bool HasPhoto,
    bool IsErased,
    DateTime CreatedAt,
    DateTime? LastVisitAt);

internal sealed record PagedJson<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 0 : (int)Math.Ceiling(TotalCount / (double)PageSize);
}

internal sealed record InlineVisitorJson(string? FullName, string? PhoneNumber, string? Email, string? Company);

internal sealed record CreateVisitJson(
    Guid? SiteId,
    Guid? VisitorId,
    InlineVisitorJson? Visitor,
    Guid? HostId,
    string? Purpose,
    DateTime? ExpectedAt,
    string? Notes);

internal sealed record LoginJson(string? Email, string? Password);

internal sealed record LoginUserJson(Guid Id, string Email, string FullName, string Role);

internal sealed record LoginResponseJson(string AccessToken, string TokenType, DateTime ExpiresAt, LoginUserJson User);

internal sealed record ProblemJson(string Type, string Title, int Status, string? Detail);

internal sealed record OutboxPayloadJson(Guid EventId, Guid VisitId, int Kind);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(VisitJson))]
[JsonSerializable(typeof(List<VisitJson>))]
[JsonSerializable(typeof(PagedJson<VisitJson>))]
[JsonSerializable(typeof(PagedJson<VisitorJson>))]
[JsonSerializable(typeof(CreateVisitJson))]
[JsonSerializable(typeof(LoginJson))]
[JsonSerializable(typeof(LoginResponseJson))]
[JsonSerializable(typeof(ProblemJson))]
[JsonSerializable(typeof(OutboxPayloadJson))]
internal sealed partial class ReferenceJson : JsonSerializerContext
{
    /// <summary>The options of the product's MVC output: relaxed escaping (a phone number's + stays +), UTC times.</summary>
    public static ReferenceJson Product { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcDateTimeConverter() },
    });
}

/// <summary>The product's time format (src/Api/Http/UtcTime.cs).</summary>
internal sealed class UtcDateTimeConverter : JsonConverter<DateTime>
{
    public static string Format(DateTime value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().UtcDateTime;

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}
