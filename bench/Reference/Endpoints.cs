using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CleanVisitors.Bench.Reference;

/// <summary>
/// The product's queries (src/Application/Visits/Queries/*, Visitors/Queries/ListVisitors, Visits/Commands/CreateVisit,
/// Auth/Commands/Login) written by hand on one <see cref="NpgsqlDataSource"/>.
/// </summary>
internal sealed class Endpoints(NpgsqlDataSource db, LoginIssuer issuer, Guid actorId)
{
    private static readonly System.Buffers.SearchValues<char> CellsToQuote = System.Buffers.SearchValues.Create(",;\t\"\r\n");

    private const int MaxPageSize = 100;
    private const string BadgeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const string CsvHeader = "id,siteId,status,purpose,visitorName,visitorPhone,visitorCompany,hostName,badgeCode,createdAt,approvedAt,checkedInAt,checkedOutAt";

    // VisitDto's projection: the visit joined to its visitor and its host.
    private const string VisitSelect = """
        SELECT v.id, v.site_id, v.status, v.purpose, v.notes, v.expected_at, v.badge_code,
               p.id, p.full_name, p.phone_number, p.company, h.id, h.full_name,
               v.created_at, v.approved_at, v.rejected_at, v.rejection_reason, v.checked_in_at, v.checked_out_at,
               v.cancelled_at, v.expired_at
        FROM visits v
        JOIN visitors p ON p.id = v.visitor_id
        JOIN users h ON h.id = v.host_id
        """;

    // The same for a Host's own list: their invitations show the visitor as they gave them, with no id (API.md, Visits).
    private const string HostVisitSelect = """
        SELECT v.id, v.site_id, v.status, v.purpose, v.notes, v.expected_at, v.badge_code,
               CASE WHEN v.created_by_id = v.host_id THEN NULL ELSE p.id END,
               CASE WHEN v.created_by_id = v.host_id THEN v.invitee_full_name ELSE p.full_name END,
               CASE WHEN v.created_by_id = v.host_id THEN v.invitee_phone_number ELSE p.phone_number END,
               CASE WHEN v.created_by_id = v.host_id THEN v.invitee_company ELSE p.company END,
               h.id, h.full_name,
               v.created_at, v.approved_at, v.rejected_at, v.rejection_reason, v.checked_in_at, v.checked_out_at,
               v.cancelled_at, v.expired_at
        FROM visits v
        JOIN visitors p ON p.id = v.visitor_id
        JOIN users h ON h.id = v.host_id
        """;

    private const string VisitorSelect = """
        SELECT v.id, v.full_name, v.phone_number, v.email, v.company, v.is_blocked, v.block_reason,
               v.photo_key IS NOT NULL, v.is_erased, v.created_at, v.last_visit_at
        FROM visitors v
        """;

    private const string VisitorSearch =
        " WHERE lower(v.full_name) LIKE $1 ESCAPE '\\' OR lower(v.phone_number) LIKE $1 ESCAPE '\\' OR lower(v.company) LIKE $1 ESCAPE '\\'";

    /// <summary>The user the reference acts as (it has no authentication): the first Admin, as the product's token would say.</summary>
    public static async Task<Guid> ActorAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT id FROM users WHERE role = 'Admin' ORDER BY created_at LIMIT 1");
        return await command.ExecuteScalarAsync() is Guid id ? id : Guid.Empty;
    }

    public async Task<IResult> ReadyAsync(CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
        return Results.Text("Healthy");
    }

    public async Task<IResult> GetVisitAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(VisitSelect + " WHERE v.id = $1 LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? Results.Json(ReadVisit(reader), ReferenceJson.Product.VisitJson)
            : Problem(404, "Not Found", $"Visit {id} was not found.");
    }

    /// <summary>Page of visits, newest first; <c>hostId</c> stands for a Host's token. A naive exact count over the same joins, then the page.</summary>
    public async Task<IResult> ListVisitsAsync(Guid? hostId, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = (page ?? 1, pageSize ?? 20);
        if (p < 1 || size < 1 || size > MaxPageSize)
        {
            return Problem(400, "Bad Request", "page >= 1 and 1 <= pageSize <= 100.");
        }

        var filter = hostId is null ? string.Empty : " WHERE v.host_id = $1";
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        int total;
        await using (var count = new NpgsqlCommand(
            "SELECT count(*)::int FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN users h ON h.id = v.host_id" + filter, connection))
        {
            if (hostId is { } id)
            {
                count.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            }

            total = (int)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var items = new List<VisitJson>(size);
        if ((p - 1) * (long)size < total)
        {
            var next = hostId is null ? 1 : 2;
            await using var query = new NpgsqlCommand(
                (hostId is null ? VisitSelect : HostVisitSelect) + filter + $" ORDER BY v.created_at DESC, v.id DESC LIMIT ${next} OFFSET ${next + 1}", connection);
            if (hostId is { } id)
            {
                query.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            }

            query.Parameters.Add(new NpgsqlParameter<int> { TypedValue = size });
            query.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (p - 1) * size });
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadVisit(reader));
            }
        }

        return Results.Json(new PagedJson<VisitJson>(items, p, size, total), ReferenceJson.Product.PagedJsonVisitJson);
    }

    /// <summary>The evacuation list: every visit now checked in, by check-in time, not paged.</summary>
    public async Task<IResult> OnSiteAsync(CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(VisitSelect + " WHERE v.status = 'CheckedIn' ORDER BY v.checked_in_at");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<VisitJson>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(ReadVisit(reader));
        }

        return Results.Json(items, ReferenceJson.Product.ListVisitJson);
    }

    /// <summary>Visitors, newest first; <c>search</c> matches name, phone or company, case-insensitive (LIKE, as the product).</summary>
    public async Task<IResult> ListVisitorsAsync(string? search, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = (page ?? 1, pageSize ?? 20);
        if (p < 1 || size < 1 || size > MaxPageSize || search?.Length > 100)
        {
            return Problem(400, "Bad Request", "page >= 1, 1 <= pageSize <= 100, search at most 100 characters.");
        }

        string? pattern = string.IsNullOrWhiteSpace(search)
            ? null
            : "%" + search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var filter = pattern is null ? string.Empty : VisitorSearch;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        int total;
        await using (var count = new NpgsqlCommand("SELECT count(*)::int FROM visitors v" + filter, connection))
        {
            if (pattern is not null)
            {
                count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pattern });
            }

            total = (int)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var items = new List<VisitorJson>(size);
        if ((p - 1) * (long)size < total)
        {
            var next = pattern is null ? 1 : 2;
            await using var query = new NpgsqlCommand(
                VisitorSelect + filter + $" ORDER BY v.created_at DESC, v.id DESC LIMIT ${next} OFFSET ${next + 1}", connection);
            if (pattern is not null)
            {
                query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pattern });
            }

            query.Parameters.Add(new NpgsqlParameter<int> { TypedValue = size });
            query.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (p - 1) * size });
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new VisitorJson(
                    reader.GetGuid(0), NullableString(reader, 1), NullableString(reader, 2), NullableString(reader, 3),
                    NullableString(reader, 4), reader.GetBoolean(5), NullableString(reader, 6), reader.GetBoolean(7),
                    reader.GetBoolean(8), reader.GetDateTime(9), NullableTime(reader, 10)));
            }
        }

        return Results.Json(new PagedJson<VisitorJson>(items, p, size, total), ReferenceJson.Product.PagedJsonVisitorJson);
    }

    /// <summary>The CSV export, streamed while the rows are read, with the product's columns, quoting and formula guard.</summary>
    public async Task ExportAsync(HttpContext context, DateTime? from, DateTime? to)
    {
        var cancellationToken = context.RequestAborted;
        var where = new List<string>(2);
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand { Connection = connection };
        if (from is { } f)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = f.ToUniversalTime() });
            where.Add($"v.created_at >= ${command.Parameters.Count}");
        }

        if (to is { } t)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = t.ToUniversalTime() });
            where.Add($"v.created_at < ${command.Parameters.Count}");
        }

        command.CommandText = """
            SELECT v.id, v.site_id, v.status, v.purpose, p.full_name, p.phone_number, p.company, h.full_name, v.badge_code,
                   v.created_at, v.approved_at, v.checked_in_at, v.checked_out_at
            FROM visits v
            JOIN visitors p ON p.id = v.visitor_id
            JOIN users h ON h.id = v.host_id
            """ + (where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where)) + " ORDER BY v.created_at, v.id";

        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"visits.csv\"";
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024);
        await writer.WriteAsync(CsvHeader.AsMemory(), cancellationToken);
        await writer.WriteAsync("\r\n".AsMemory(), cancellationToken);
        var line = new StringBuilder(256);
        var count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            line.Clear();
            Cell(line, reader.GetGuid(0).ToString()).Append(',');
            Cell(line, reader.GetGuid(1).ToString()).Append(',');
            Cell(line, reader.GetString(2)).Append(',');
            Cell(line, reader.GetString(3)).Append(',');
            Cell(line, NullableString(reader, 4)).Append(',');
            Cell(line, NullableString(reader, 5)).Append(',');
            Cell(line, NullableString(reader, 6)).Append(',');
            Cell(line, reader.GetString(7)).Append(',');
            Cell(line, reader.GetString(8)).Append(',');
            Cell(line, UtcDateTimeConverter.Format(reader.GetDateTime(9))).Append(',');
            Cell(line, Time(reader, 10)).Append(',');
            Cell(line, Time(reader, 11)).Append(',');
            Cell(line, Time(reader, 12)).Append("\r\n");
            await writer.WriteAsync(line, cancellationToken);
            if (++count % 500 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// A front-desk registration (PendingApproval) with an inline visitor matched by phone number or created. One read
    /// round trip (site, host, visitor), then ONE transaction: the visitor when new (and its audit row), the visit, its audit
    /// row and its outbox row.
    /// </summary>
    public async Task<IResult> CreateVisitAsync(CreateVisitJson body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Purpose) || body.HostId is null || (body.VisitorId is null == body.Visitor is null))
        {
            return Problem(400, "Bad Request", "purpose, hostId and exactly one of visitorId or visitor are required.");
        }

        if (body.Visitor is { } inline && (string.IsNullOrWhiteSpace(inline.FullName) || !IsE164(inline.PhoneNumber)))
        {
            return Problem(400, "Bad Request", "visitor.fullName and an E.164 visitor.phoneNumber are required.");
        }

        var now = DateTime.UtcNow;
        now = now.AddTicks(-(now.Ticks % 10)); // PostgreSQL keeps microseconds
        await using var connection = await db.OpenConnectionAsync(cancellationToken);

        // 1. Read: the site, the host, the visitor.
        Guid? siteId = null;
        string? hostName = null;
        var hostOk = false;
        Guid? visitorId = null;
        string? visitorName = null, visitorPhone = null, visitorCompany = null;
        var visitorRefused = false;
        await using (var read = new NpgsqlBatch(connection))
        {
            read.BatchCommands.Add(body.SiteId is { } requested
                ? new NpgsqlBatchCommand("SELECT id FROM sites WHERE id = $1") { Parameters = { new NpgsqlParameter<Guid> { TypedValue = requested } } }
                : new NpgsqlBatchCommand("SELECT id FROM sites ORDER BY is_default DESC LIMIT 1"));
            read.BatchCommands.Add(new NpgsqlBatchCommand("SELECT full_name, role = 'Host' AND is_active FROM users WHERE id = $1")
            {
                Parameters = { new NpgsqlParameter<Guid> { TypedValue = body.HostId.Value } },
            });
            read.BatchCommands.Add(body.VisitorId is { } known
                ? new NpgsqlBatchCommand("SELECT id, full_name, phone_number, company, is_blocked OR is_erased FROM visitors WHERE id = $1")
                {
                    Parameters = { new NpgsqlParameter<Guid> { TypedValue = known } },
                }
                : new NpgsqlBatchCommand("SELECT id, full_name, phone_number, company, is_blocked OR is_erased FROM visitors WHERE phone_number = $1")
                {
                    Parameters = { new NpgsqlParameter<string> { TypedValue = body.Visitor!.PhoneNumber! } },
                });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                siteId = reader.GetGuid(0);
            }

            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                hostName = reader.GetString(0);
                hostOk = reader.GetBoolean(1);
            }

            await reader.NextResultAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                visitorId = reader.GetGuid(0);
                visitorName = NullableString(reader, 1);
                visitorPhone = NullableString(reader, 2);
                visitorCompany = NullableString(reader, 3);
                visitorRefused = reader.GetBoolean(4);
            }
        }

        if (siteId is null || !hostOk || (body.VisitorId is not null && visitorId is null))
        {
            return Problem(400, "Bad Request", "siteId, hostId (an active host) or visitorId is not valid.");
        }

        if (visitorRefused)
        {
            return Problem(409, "Conflict", "The visitor is blocked or erased.");
        }

        // 2. Write, in one transaction.
        var isNewVisitor = visitorId is null;
        var visitId = Guid.CreateVersion7(now);
        var eventId = Guid.CreateVersion7(now);
        var badge = RandomNumberGenerator.GetString(BadgeAlphabet, 8);
        if (isNewVisitor)
        {
            visitorId = Guid.CreateVersion7(now);
            visitorName = body.Visitor!.FullName!.Trim();
            visitorPhone = body.Visitor.PhoneNumber;
            visitorCompany = string.IsNullOrWhiteSpace(body.Visitor.Company) ? null : body.Visitor.Company.Trim();
        }

        var notes = string.IsNullOrWhiteSpace(body.Notes) ? null : body.Notes;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var write = new NpgsqlBatch(connection, transaction))
        {
            if (isNewVisitor)
            {
                write.BatchCommands.Add(new NpgsqlBatchCommand("""
                    INSERT INTO visitors (id, full_name, phone_number, email, company, is_blocked, is_erased, created_at, updated_at, last_visit_at)
                    VALUES ($1, $2, $3, $4, $5, false, false, $6, $6, $6)
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid> { TypedValue = visitorId!.Value },
                        new NpgsqlParameter<string> { TypedValue = visitorName! },
                        new NpgsqlParameter<string> { TypedValue = visitorPhone! },
                        new NpgsqlParameter { Value = (object?)NullIfBlank(body.Visitor!.Email)?.ToLowerInvariant() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar },
                        new NpgsqlParameter { Value = (object?)visitorCompany ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar },
                        new NpgsqlParameter<DateTime> { TypedValue = now },
                    },
                });
                write.BatchCommands.Add(Audit(Guid.CreateVersion7(now), now, "visitor.created", "Visitor", visitorId.Value, null));
            }
            else
            {
                write.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE visitors SET last_visit_at = $2 WHERE id = $1")
                {
                    Parameters = { new NpgsqlParameter<Guid> { TypedValue = visitorId!.Value }, new NpgsqlParameter<DateTime> { TypedValue = now } },
                });
            }

            write.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO visits (id, site_id, visitor_id, host_id, status, purpose, notes, expected_at, badge_code, created_by_id, created_at)
                VALUES ($1, $2, $3, $4, 'PendingApproval', $5, $6, $7, $8, $9, $10)
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid> { TypedValue = visitId },
                    new NpgsqlParameter<Guid> { TypedValue = siteId.Value },
                    new NpgsqlParameter<Guid> { TypedValue = visitorId.Value },
                    new NpgsqlParameter<Guid> { TypedValue = body.HostId.Value },
                    new NpgsqlParameter<string> { TypedValue = body.Purpose.Trim() },
                    new NpgsqlParameter { Value = (object?)notes ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar },
                    new NpgsqlParameter { Value = body.ExpectedAt is { } e ? e.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    new NpgsqlParameter<string> { TypedValue = badge },
                    new NpgsqlParameter<Guid> { TypedValue = actorId },
                    new NpgsqlParameter<DateTime> { TypedValue = now },
                },
            });
            write.BatchCommands.Add(Audit(eventId, now, "visit.created", "Visit", visitId, "status:PendingApproval"));
            write.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts) VALUES ($1, 'visit-notification-requested', $2, $3, 0)")
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid> { TypedValue = eventId },
                    new NpgsqlParameter<string>
                    {
                        TypedValue = JsonSerializer.Serialize(new OutboxPayloadJson(eventId, visitId, 0), ReferenceJson.Product.OutboxPayloadJson),
                        NpgsqlDbType = NpgsqlDbType.Jsonb,
                    },
                    new NpgsqlParameter<DateTime> { TypedValue = now },
                },
            });
            try
            {
                await write.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                return Problem(409, "Conflict", ex.ConstraintName == "ix_visits_visitor_id_open" ? "The visitor has an open visit." : "A concurrent change.");
            }
        }

        await transaction.CommitAsync(cancellationToken);
        var visit = new VisitJson(visitId, siteId.Value, "PendingApproval", body.Purpose.Trim(), notes, body.ExpectedAt?.ToUniversalTime(), badge,
            new VisitVisitorJson(visitorId.Value, visitorName, visitorPhone, visitorCompany), new VisitHostJson(body.HostId.Value, hostName!),
            now, null, null, null, null, null, null, null);
        return new CreatedAt(Results.Json(visit, ReferenceJson.Product.VisitJson, statusCode: 201), $"/api/visits/{visitId}");
    }

    /// <summary>Login: the user by lower(email), the product's password hasher, an HS256 token like the product's.</summary>
    public async Task<IResult> LoginAsync(LoginJson body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(body.Email) || string.IsNullOrEmpty(body.Password))
        {
            return Problem(400, "Bad Request", "email and password are required.");
        }

        await using var command = db.CreateCommand("SELECT id, email, full_name, role, password_hash, is_active FROM users WHERE lower(email) = $1 LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = body.Email.Trim().ToLowerInvariant() });
        Guid id = default;
        string? email = null, fullName = null, role = null, hash = null;
        var active = false;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (id, email, fullName, role, hash, active) =
                    (reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetBoolean(5));
            }
        }

        if (!issuer.Verify(hash, body.Password) || !active)
        {
            return Problem(401, "Unauthorized", "The e-mail address or password is wrong.");
        }

        var (token, expires) = issuer.Issue(id, role!);
        return Results.Json(new LoginResponseJson(token, "Bearer", expires, new LoginUserJson(id, email!, fullName!, role!)), ReferenceJson.Product.LoginResponseJson);
    }

    private NpgsqlBatchCommand Audit(Guid id, DateTime at, string action, string entityType, Guid entityId, string? details) =>
        new("INSERT INTO audit_logs (id, at, user_id, action, entity_type, entity_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = id },
                new NpgsqlParameter<DateTime> { TypedValue = at },
                new NpgsqlParameter<Guid> { TypedValue = actorId },
                new NpgsqlParameter<string> { TypedValue = action },
                new NpgsqlParameter<string> { TypedValue = entityType },
                new NpgsqlParameter<Guid> { TypedValue = entityId },
                new NpgsqlParameter { Value = (object?)details ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar },
            },
        };

    private static VisitJson ReadVisit(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), NullableString(r, 4), NullableTime(r, 5), r.GetString(6),
        new VisitVisitorJson(r.IsDBNull(7) ? null : r.GetGuid(7), NullableString(r, 8), NullableString(r, 9), NullableString(r, 10)),
        new VisitHostJson(r.GetGuid(11), r.GetString(12)),
        r.GetDateTime(13), NullableTime(r, 14), NullableTime(r, 15), NullableString(r, 16), NullableTime(r, 17), NullableTime(r, 18),
        NullableTime(r, 19), NullableTime(r, 20));

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTime? NullableTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDateTime(i);

    private static string? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : UtcDateTimeConverter.Format(r.GetDateTime(i));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsE164(string? phone) =>
        phone is { Length: >= 8 and <= 16 } && phone[0] == '+' && phone[1] is >= '1' and <= '9' && phone.AsSpan(1).ContainsAnyExceptInRange('0', '9') == false;

    /// <summary>One RFC 4180 cell with the formula-injection guard, as src/Api/Visits/VisitCsvResult.cs.</summary>
    private static StringBuilder Cell(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return line;
        }

        var guarded = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        if (guarded.AsSpan().IndexOfAny(CellsToQuote) < 0)
        {
            return line.Append(guarded);
        }

        return line.Append('"').Append(guarded.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Json(new ProblemJson($"https://httpstatuses.io/{status.ToString(CultureInfo.InvariantCulture)}", title, status, detail),
            ReferenceJson.Product.ProblemJson, "application/problem+json", status);

    /// <summary>201 with a Location header, as the product's CreatedAtAction.</summary>
    private sealed class CreatedAt(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
