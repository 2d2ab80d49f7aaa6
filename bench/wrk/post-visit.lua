-- POST /api/visits: each request a new inline visitor with a unique E.164 number (German mobile +49151 and 8 digits:
-- 2 of BENCH_RUN, the run's number, unique over one bench/run.sh invocation; 1 of the wrk thread; 5 of a counter),
-- for a host from BENCH_HOSTS_FILE (active hosts' ids), registered at the front desk (PendingApproval).
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local hosts
local counter = 0
local run = tonumber(os.getenv("BENCH_RUN") or "0")
local purposes = { "Meeting", "Interview", "Delivery", "Maintenance", "Audit" }

setup = common.setup
init = function(args)
  common.headers()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  hosts = common.lines("BENCH_HOSTS_FILE")
  assert(run >= 0 and run < 100, "BENCH_RUN must be 0..99")
  assert((thread_number or 0) < 10, "at most 10 wrk threads")
end

request = function()
  counter = counter + 1
  assert(counter < 100000, "more than 99,999 visits from one thread in one run: phone numbers would repeat")
  local phone = string.format("+49151%02d%d%05d", run, thread_number or 0, counter)
  local body = string.format(
    '{"visitor":{"fullName":"Bench Visitor %d","phoneNumber":"%s","company":"Bench Ltd"},"hostId":"%s","purpose":"%s"}',
    counter, phone, hosts[counter % #hosts + 1], purposes[counter % #purposes + 1])
  return wrk.format(nil, nil, nil, body)
end

done = common.done
