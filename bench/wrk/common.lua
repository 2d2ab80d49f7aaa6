-- Shared by every bench script: the bearer token (BENCH_TOKEN, none for the reference), a list file reader, and a
-- machine-readable summary line that bench/run.sh parses:
--   BENCH requests=… duration_us=… rps=… p50_us=… p90_us=… p99_us=… max_us=… non2xx=… socket_errors=…
local common = {}

function common.headers()
  local token = os.getenv("BENCH_TOKEN")
  if token ~= nil and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
end

-- The lines of a file (BENCH_* env var names the file); fails loudly when it is missing or empty.
function common.lines(variable)
  local path = os.getenv(variable)
  assert(path ~= nil and path ~= "", variable .. " is not set")
  local list = {}
  local file = assert(io.open(path, "r"), "cannot open " .. path)
  for line in file:lines() do
    if line ~= "" then
      list[#list + 1] = line
    end
  end
  file:close()
  assert(#list > 0, path .. " is empty")
  return list
end

-- setup(): numbers the threads 0, 1, … so scripts can make per-thread unique values.
local threads = 0
function common.setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function common.done(summary, latency, requests)
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.2f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.status, socket))
end

return common
