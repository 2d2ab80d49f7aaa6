namespace CleanVisitors.Api.OpenApi;

/// <summary>
/// Every <c>code</c> a problem of this API can carry, listed in the OpenAPI document. The domain's and the use cases'
/// codes are written where the failure is (an <c>Error</c>); the ones below <see cref="HttpLevel"/> are the codes of
/// failures the HTTP pipeline answers before any use case runs. <c>ProblemCodeCatalogTests</c> keeps the list and the
/// source in step: a code written anywhere and missing here, or listed here and written nowhere, fails the build's tests.
/// </summary>
internal static class ProblemCodes
{
    public const string Malformed = "request.malformed";
    public const string Unauthenticated = "auth.unauthenticated";
    public const string Forbidden = "auth.forbidden";
    public const string RouteNotFound = "route.not_found";
    public const string MethodNotAllowed = "request.method_not_allowed";
    public const string TooLarge = "request.too_large";
    public const string UnsupportedMediaType = "request.unsupported_media_type";
    public const string RateLimited = "rate_limit.exceeded";
    public const string ServerError = "server.error";
    public const string DatabaseUnavailable = "database.unavailable";
    public const string Rejected = "request.rejected";

    /// <summary>The code of a problem the framework writes without one, by its status.</summary>
    public static string ForStatus(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => Malformed,
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => RouteNotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => DatabaseUnavailable,
        >= 400 and < 500 => Rejected,
        _ => ServerError,
    };

    /// <summary>
    /// Failures of the HTTP pipeline itself, where the request never reached a use case; 401 and 403 also come from the
    /// use case's own check (<c>AuthorizationBehavior</c>, with <c>AuthorizationErrors</c>' same code and sentence), so a
    /// client cannot tell which refused it.
    /// </summary>
    public static readonly IReadOnlyList<ProblemCode> HttpLevel =
    [
        new(Malformed, 400, "The body is not valid JSON, has unknown or duplicate properties, or a value of the wrong type; `errors` names the fields."),
        new("request.nul_character", 400, "The request holds a NUL character (U+0000)."),
        new(Unauthenticated, 401, "No bearer token, or one that is expired, malformed or revoked: sign in again."),
        new(Forbidden, 403, "The caller's role may not do this."),
        new(RouteNotFound, 404, "No endpoint has this path."),
        new(MethodNotAllowed, 405, "The path does not take this HTTP method."),
        new(TooLarge, 413, "The body is larger than this endpoint takes (MAX_REQUEST_BODY_BYTES)."),
        new(UnsupportedMediaType, 415, "The body's Content-Type is not one this endpoint reads."),
        new(Rejected, 400, "Another 4xx of the HTTP server itself (a request timeout 408, headers too large 431); the status says which."),
        new(RateLimited, 429, "Too many requests: wait the seconds of Retry-After."),
        new(ServerError, 500, "An unexpected failure; quote the traceId when reporting it."),
        new(DatabaseUnavailable, 503, "The database cannot be reached right now: try again after Retry-After."),
        new("service.shutting_down", 503, "This instance is stopping and did not run the request: send it again."),
        new("service.overloaded", 503, "Too many requests are waiting on this instance: try again after Retry-After."),
    ];

    /// <summary>Failures a use case or the domain answers.</summary>
    public static readonly IReadOnlyList<ProblemCode> UseCases =
    [
        new("validation_failed", 400, "A field breaks a rule; `errors` maps each field to its messages."),
        new("auth.invalid_credentials", 401, "The e-mail address or password is wrong."),
        new("auth.invalid_refresh_token", 401, "The refresh token is spent, expired or revoked: sign in again."),
        new("auth.user_inactive", 401, "The signed-in account no longer exists or was deactivated."),
        new("cron.unauthorized", 401, "The cron secret is missing or wrong."),
        new("visit.not_found", 404, "No visit has this id (or the caller may not see it)."),
        new("visit.badge_not_found", 404, "No visit has this badge code."),
        new("visitor.not_found", 404, "No visitor has this id."),
        new("visitor.photo_not_found", 404, "The visitor has no photo."),
        new("user.not_found", 404, "No user has this id."),
        new("site.not_found", 404, "No site has this id."),
        new("job.not_found", 404, "No scheduled job has this name."),
        new("approval.not_found", 404, "The approval link is not valid."),
        new("visit.invalid_transition", 409, "The visit's status does not allow this; `currentStatus` says what it is."),
        new("visit.cannot_invite", 409, "This visit cannot be made; the front desk can help."),
        new("visit.concurrent_change", 409, "Another request changed the visit at the same moment: reload and retry."),
        new("visit.conflict", 409, "The visit could not be saved because of a concurrent change: retry."),
        new("visitor.erased", 409, "The visitor's personal data was erased; it can no longer change."),
        new("visitor.blocked", 409, "The visitor is blocked and cannot get a visit or check in."),
        new("visitor.on_site", 409, "The visitor is checked in; check them out first."),
        new("visitor.phone_exists", 409, "A visitor with this phone number exists; `existingId` is its id."),
        new("visitor.concurrent_change", 409, "Another request changed the visitor at the same moment: reload and retry."),
        new("visitor.open_visit", 409, "The visitor already has an open visit (pending, approved or checked in)."),
        new("user.email_exists", 409, "A user with this e-mail address exists."),
        new("user.last_admin", 409, "The last active Admin cannot lose the role or be deactivated."),
        new("site.name_exists", 409, "A site with this name exists."),
        new("job.already_running", 409, "The job is running on this or another instance: try later."),
        new("approval.used", 410, "The approval link was used already."),
        new("approval.expired", 410, "The approval link expired."),
        new("approval.host_inactive", 410, "The link's host can no longer decide visits."),
        new("approval.decided", 410, "The visit was decided already: there is nothing left to decide."),
        new("photo.too_large", 413, "The photo is larger than 5 MB."),
        new("photo.unsupported_media_type", 415, "The file is not a JPEG, PNG or WebP image."),
    ];

    public static IEnumerable<ProblemCode> All => HttpLevel.Concat(UseCases);
}
