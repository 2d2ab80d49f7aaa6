-- The notifications measurement's load (bench/run.sh): commits new PendingApproval visits and their outbox rows
-- (`visit-notification-requested`, the payload the product writes), :rate per second in tenth-of-a-second batches, for
-- :seconds seconds; each batch is one transaction, as one create is in the product. The product's dispatcher, consumer
-- and WhatsApp client then deliver one approval request per visit to the host.
--
--   psql -v rate=500 -v seconds=10 -v tag=measure-1 -v first=100000001 -f bench/notify.sql
--
-- Each visit goes to a visitor without an open visit (the product allows one open visit per visitor) and to the next
-- host round-robin; its purpose is 'bench notification :tag', by which run.sh finds it afterwards (and cancels it, so
-- the next round finds the visitors free again); its badge code is the seed's bijection of the ordinal :first + i, so it
-- collides with no seeded one. No audit row: the measurement is of the delivery, from the commit on.
\set ON_ERROR_STOP on
SET bench.rate = :rate;
SET bench.seconds = :seconds;
SET bench.tag = :'tag';
SET bench.first = :first;

CREATE TEMP TABLE notify_visitors AS
SELECT row_number() OVER (ORDER BY p.id) AS n, p.id
FROM visitors p
WHERE NOT p.is_blocked AND NOT p.is_erased
  AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.visitor_id = p.id
                  AND v.status IN ('PendingApproval', 'Approved', 'CheckedIn'))
LIMIT :rate * :seconds;

CREATE TEMP TABLE notify_hosts AS
SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM users WHERE role = 'Host' AND is_active AND phone_number IS NOT NULL;

DO $$
DECLARE
  per_batch int := greatest(1, current_setting('bench.rate')::int / 10);
  batches int := current_setting('bench.seconds')::int * 10;
  purpose text := 'bench notification ' || current_setting('bench.tag');
  first_ordinal bigint := current_setting('bench.first')::bigint;
  hosts int := (SELECT count(*) FROM notify_hosts);
  site uuid := (SELECT id FROM sites WHERE is_default LIMIT 1);
  actor uuid := (SELECT id FROM users WHERE role = 'Admin' ORDER BY created_at LIMIT 1);
  started timestamptz := clock_timestamp();
  alphabet text := '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
BEGIN
  IF (SELECT count(*) FROM notify_visitors) < per_batch * batches THEN
    RAISE EXCEPTION 'only % visitors without an open visit; % needed', (SELECT count(*) FROM notify_visitors), per_batch * batches;
  END IF;
  FOR b IN 0 .. batches - 1 LOOP
    WITH batch AS (
      SELECT p.n, p.id AS visitor_id, gen_random_uuid() AS visit_id, gen_random_uuid() AS event_id,
             (SELECT h.id FROM notify_hosts h WHERE h.n = p.n % hosts) AS host_id,
             (first_ordinal + p.n) * 2654435761 % 852891037441 AS x
      FROM notify_visitors p
      WHERE p.n > b * per_batch AND p.n <= (b + 1) * per_batch
    ), inserted AS (
      INSERT INTO visits (id, site_id, visitor_id, host_id, status, purpose, notes, expected_at, badge_code, created_by_id, created_at)
      SELECT visit_id, site, visitor_id, host_id, 'PendingApproval', purpose, NULL, NULL,
             substr(alphabet, 1 + (x % 31)::int, 1) || substr(alphabet, 1 + (x / 31 % 31)::int, 1)
          || substr(alphabet, 1 + (x / 961 % 31)::int, 1) || substr(alphabet, 1 + (x / 29791 % 31)::int, 1)
          || substr(alphabet, 1 + (x / 923521 % 31)::int, 1) || substr(alphabet, 1 + (x / 28629151 % 31)::int, 1)
          || substr(alphabet, 1 + (x / 887503681 % 31)::int, 1) || substr(alphabet, 1 + (x / 27512614111 % 31)::int, 1),
             actor, clock_timestamp()
      FROM batch
      RETURNING id, created_at
    )
    INSERT INTO outbox_messages (id, type, payload, occurred_at, attempts)
    SELECT b2.event_id, 'visit-notification-requested',
           jsonb_build_object('eventId', b2.event_id, 'visitId', b2.visit_id, 'kind', 0), i.created_at, 0
    FROM batch b2 JOIN inserted i ON i.id = b2.visit_id;
    COMMIT;
    PERFORM pg_sleep(greatest(0, extract(epoch FROM started + (b + 1) * interval '100 milliseconds' - clock_timestamp())));
  END LOOP;
END
$$;
