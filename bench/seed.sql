-- Seeds the benchmark's data set through the product's own schema (apply it first: CleanVisitors.Api.dll --migrate-only,
-- which also creates the default site and the first Admin). Set-based: generate_series, no loops, no client round trips.
--
--   psql -v ON_ERROR_STOP=1 -v visits=100000 -v hosts=1000 -v visitors=50000 -v onsite=300 -f bench/seed.sql
--
-- What it makes:
--   * :hosts active Host users host0001@bench.example ... with unique E.164 numbers +4989NNNNNNNN (Munich: the
--     notifications measurement messages them), their password hash the Admin's until run.sh gives them a Host's hash
--     through the API;
--   * :visitors visitors with unique E.164 numbers +4930NNNNNNNN (Berlin), names, some companies and e-mails; a few blocked;
--   * :visits visits, created_at spread over the last ~2 years (oldest first, time-ordered UUIDv7 ids); the history is
--     closed (CheckedOut, Expired, Rejected, Cancelled), the newest few hundred are open: :onsite CheckedIn (the on-site
--     list), and some Approved and PendingApproval, each for a different visitor (one open visit per visitor);
--   * unique badge codes: 8 characters of the domain's alphabet 23456789ABCDEFGHJKMNPQRSTUVWXYZ, a bijection of the
--     visit's ordinal modulo 31^8, so no two collide;
--   * one audit_logs row per visit (its creation, as the product writes it), and every visitor's last_visit_at.
-- Then ANALYZE.
\set ON_ERROR_STOP on
\if :{?visits}
\else
  \set visits 100000
\endif
\if :{?hosts}
\else
  \set hosts 1000
\endif
\if :{?visitors}
\else
  \set visitors 50000
\endif
\if :{?onsite}
\else
  \set onsite 300
\endif

SELECT setseed(0.42);

-- A version-7 UUID for a time: 48 bits of Unix milliseconds, version 7, variant 10, random rest.
CREATE FUNCTION pg_temp.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0')
          || '7' || substr(h, 1, 3)
          || substr('89ab', 1 + (get_byte(decode(substr(h, 4, 2), 'hex'), 0) % 4), 1) || substr(h, 6, 15))::uuid
  FROM (SELECT md5(random()::text || clock_timestamp()::text) AS h) s
$$;

-- The 8-character badge code of ordinal n: n * an odd constant (coprime to 31) modulo 31^8, in base 31.
CREATE FUNCTION pg_temp.badge(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT substr(a, 1 + (x % 31)::int, 1) || substr(a, 1 + (x / 31 % 31)::int, 1)
      || substr(a, 1 + (x / 961 % 31)::int, 1) || substr(a, 1 + (x / 29791 % 31)::int, 1)
      || substr(a, 1 + (x / 923521 % 31)::int, 1) || substr(a, 1 + (x / 28629151 % 31)::int, 1)
      || substr(a, 1 + (x / 887503681 % 31)::int, 1) || substr(a, 1 + (x / 27512614111 % 31)::int, 1)
  FROM (SELECT '23456789ABCDEFGHJKMNPQRSTUVWXYZ'::text AS a, (n * 2654435761) % 852891037441 AS x) s
$$;

CREATE TEMP TABLE names AS
SELECT ARRAY['Anna','Ben','Carla','David','Elif','Farid','Grace','Hugo','Ines','Jonas','Kerstin','Luca','Maya','Noah',
             'Olga','Pavel','Quinn','Rosa','Samir','Tara','Ugo','Vera','Wim','Xenia','Yusuf','Zoe','Amir','Bea','Chen','Dana']
           AS first_names,
       ARRAY['Miller','Schmidt','Anderson','Nguyen','Rossi','Kowalski','Haddad','Jensen','Okafor','Garcia','Dubois',
             'Tanaka','Novak','Larsen','Fischer','Moreau','Silva','Weber','Costa','Becker','Ivanova','Murphy','Kaya',
             'Lindqvist','Petrov','Yilmaz','Santos','Bauer','Klein','Hoffmann'] AS last_names,
       ARRAY['Acme Logistics','Globex','Initech','Umbrella Services','Stark Industries','Wayne Enterprises','Hooli',
             'Vandelay Imports','Soylent Foods','Cyberdyne Systems','Tyrell Corp','Wonka Industries','Gringotts',
             'Oscorp','Aperture Labs','Black Mesa','Massive Dynamic','Nakatomi Trading','Duff Brewing','Monarch Solutions']
           AS companies;

BEGIN;

-- Hosts.
CREATE TEMP TABLE host_ids AS
SELECT n, pg_temp.uuid7(now() - interval '3 years' + n * interval '1 minute') AS id
FROM generate_series(1, :hosts) AS n;

INSERT INTO users (id, email, full_name, phone_number, role, password_hash, is_active, created_at, updated_at)
SELECT h.id,
       'host' || lpad(h.n::text, 4, '0') || '@bench.example',
       nm.first_names[1 + (h.n * 7) % 30] || ' ' || nm.last_names[1 + (h.n * 11) % 30] || ' ' || h.n,
       '+4989' || lpad(h.n::text, 8, '0'), 'Host',
       (SELECT password_hash FROM users WHERE role = 'Admin' ORDER BY created_at LIMIT 1),
       true,
       now() - interval '3 years' + h.n * interval '1 minute',
       now() - interval '3 years' + h.n * interval '1 minute'
FROM host_ids h CROSS JOIN names nm;

-- Visitors (created_at is corrected below to precede their first visit).
CREATE TEMP TABLE visitor_ids AS
SELECT n, pg_temp.uuid7(now() - interval '730 days' + (n::double precision / :visitors) * interval '729 days') AS id
FROM generate_series(1, :visitors) AS n;

INSERT INTO visitors (id, full_name, phone_number, email, company, is_blocked, block_reason, is_erased, erased_at,
                      photo_key, created_at, updated_at, last_visit_at)
SELECT v.id,
       nm.first_names[1 + (v.n * 13) % 30] || ' ' || nm.last_names[1 + (v.n * 17 + v.n / 30) % 30],
       '+4930' || lpad(v.n::text, 8, '0'),
       CASE WHEN v.n % 3 = 0 THEN lower(nm.first_names[1 + (v.n * 13) % 30]) || '.' || v.n || '@example.com' END,
       CASE WHEN v.n % 5 <> 0 THEN nm.companies[1 + (v.n * 19) % 20] END,
       false, NULL, false, NULL, NULL,
       now() - interval '730 days' + (v.n::double precision / :visitors) * interval '729 days',
       now() - interval '730 days' + (v.n::double precision / :visitors) * interval '729 days',
       NULL
FROM visitor_ids v CROSS JOIN names nm;

-- Visits: ordinal g = 1 .. :visits, oldest first. The newest `open` are open, each for a different visitor.
CREATE TEMP TABLE plan AS
WITH p AS (
  SELECT :visits::int AS total,
         least(:onsite, :visits / 10) AS checked_in,
         least(150, :visits / 20) AS approved,
         least(60, :visits / 40) AS pending
),
g AS (
  SELECT s.g, p.*, p.checked_in + p.approved + p.pending AS open_count
  FROM p, generate_series(1, p.total) AS s(g)
)
SELECT g.g,
       CASE
         WHEN g.g > g.total - g.open_count THEN
           -- open visits: the last 30 minutes
           now() - interval '30 minutes' + ((g.g - (g.total - g.open_count))::double precision / g.open_count) * interval '25 minutes'
         ELSE
           now() - interval '730 days' + ((g.g - 1)::double precision / g.total) * (interval '730 days' - interval '3 hours')
       END AS created_at,
       CASE
         WHEN g.g > g.total - g.pending THEN 'PendingApproval'
         WHEN g.g > g.total - g.pending - g.approved THEN 'Approved'
         WHEN g.g > g.total - g.open_count THEN 'CheckedIn'
         WHEN (g.g::bigint * 7919) % 100 < 72 THEN 'CheckedOut'
         WHEN (g.g::bigint * 7919) % 100 < 80 THEN 'Expired'
         WHEN (g.g::bigint * 7919) % 100 < 86 THEN 'Rejected'
         WHEN (g.g::bigint * 7919) % 100 < 92 THEN 'Cancelled'
         ELSE 'Expired'
       END AS status,
       (g.g::bigint * 7919) % 100 AS bucket,
       g.g % 10 < 3 AS invitation,                                      -- a host's invitation (has expectedAt)
       1 + (g.g * 37 + g.g / 997) % :hosts AS host_n,
       1 + (g.g % :visitors) AS visitor_n
FROM g;

INSERT INTO visits (id, site_id, visitor_id, host_id, status, purpose, notes, expected_at, badge_code, created_by_id,
                    created_at, approved_at, decided_by_id, rejected_at, rejection_reason, checked_in_at, checked_out_at,
                    cancelled_at, expired_at)
SELECT pg_temp.uuid7(p.created_at),
       (SELECT id FROM sites WHERE is_default),
       vi.id, h.id, p.status,
       (ARRAY['Meeting','Interview','Delivery','Maintenance','Audit','Training','Workshop','Sales call'])[1 + p.g % 8],
       CASE WHEN p.g % 7 = 0 THEN 'Parking space requested' END,
       CASE WHEN p.invitation OR p.status = 'Approved' THEN p.created_at + interval '2 hours' END,
       pg_temp.badge(p.g),
       CASE WHEN p.invitation THEN h.id ELSE (SELECT id FROM users WHERE role = 'Admin' ORDER BY created_at LIMIT 1) END,
       p.created_at,
       CASE WHEN p.status IN ('Approved', 'CheckedIn', 'CheckedOut') OR (p.status = 'Expired' AND p.bucket >= 92)
            THEN p.created_at + interval '5 minutes' END,
       CASE WHEN p.status IN ('Approved', 'CheckedIn', 'CheckedOut', 'Rejected') OR (p.status = 'Expired' AND p.bucket >= 92)
            THEN h.id END,
       CASE WHEN p.status = 'Rejected' THEN p.created_at + interval '10 minutes' END,
       CASE WHEN p.status = 'Rejected' THEN 'Host not available that day' END,
       CASE WHEN p.status IN ('CheckedIn', 'CheckedOut') THEN p.created_at + interval '4 minutes 30 seconds' + interval '1 minute' END,
       CASE WHEN p.status = 'CheckedOut' THEN p.created_at + interval '2 hours' + (p.g % 120) * interval '1 minute' END,
       CASE WHEN p.status = 'Cancelled' THEN p.created_at + interval '30 minutes' END,
       CASE WHEN p.status = 'Expired' THEN p.created_at + CASE WHEN p.bucket >= 92 THEN interval '4 hours' ELSE interval '1 hour' END END
FROM plan p
JOIN host_ids h ON h.n = p.host_n
JOIN visitor_ids vi ON vi.n = p.visitor_n;

-- A Host's invitation keeps the visitor as the Host gave them (here: as stored), as the product writes it.
UPDATE visits v
SET invitee_full_name = p.full_name, invitee_phone_number = p.phone_number, invitee_company = p.company
FROM visitors p
WHERE p.id = v.visitor_id AND v.created_by_id = v.host_id;

-- One audit entry per visit: its creation, as the product records it.
INSERT INTO audit_logs (id, at, user_id, action, entity_type, entity_id, details)
SELECT pg_temp.uuid7(v.created_at), v.created_at, v.created_by_id, 'visit.created', 'Visit', v.id,
       'status:' || CASE WHEN v.created_by_id = v.host_id THEN 'Approved' ELSE 'PendingApproval' END
FROM visits v;

-- Visitors: registered before their first visit; last_visit_at is their newest visit.
UPDATE visitors p
SET created_at = least(p.created_at, s.first_at - interval '1 day'),
    updated_at = least(p.created_at, s.first_at - interval '1 day'),
    last_visit_at = s.last_at
FROM (SELECT visitor_id, min(created_at) AS first_at, max(created_at) AS last_at FROM visits GROUP BY visitor_id) s
WHERE s.visitor_id = p.id;

-- A few blocked visitors (none with an open visit).
UPDATE visitors p
SET is_blocked = true, block_reason = 'Behaviour on a previous visit'
FROM visitor_ids vi
WHERE vi.id = p.id AND vi.n % 997 = 0
  AND NOT EXISTS (SELECT FROM visits v WHERE v.visitor_id = p.id AND v.status IN ('PendingApproval', 'Approved', 'CheckedIn'));

COMMIT;

ANALYZE users, sites, visitors, visits, audit_logs;

SELECT (SELECT count(*) FROM users WHERE role = 'Host') AS hosts,
       (SELECT count(*) FROM visitors) AS visitors,
       (SELECT count(*) FROM visits) AS visits,
       (SELECT count(*) FROM visits WHERE status = 'CheckedIn') AS checked_in,
       (SELECT count(*) FROM audit_logs) AS audit_rows;
