-- The soak's traffic (scripts/soak.sh): of every 10 requests, 6 read page 1 of the visit list, 2 read a visit by id
-- (one this thread created), 2 create a visit for a new visitor (unique E.164 numbers: SOAK_RUN, the wrk thread and a
-- counter, +49151 and 8 digits) for the host in SOAK_HOST_ID.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local host = os.getenv("SOAK_HOST_ID")
local run = tonumber(os.getenv("SOAK_RUN") or "0")
local counter = 0
local created = {}

setup = common.setup
init = function(args)
  common.headers()
  -- wrk.format uses wrk.headers only when given no headers: the content type goes here, with the token.
  wrk.headers["Content-Type"] = "application/json"
  assert(host ~= nil and host ~= "", "SOAK_HOST_ID is not set")
  assert(run >= 0 and run < 10, "SOAK_RUN must be 0..9")
  assert((thread_number or 0) < 10, "at most 10 wrk threads")
end

request = function()
  counter = counter + 1
  local slot = counter % 10
  if slot < 2 then
    assert(counter < 1000000, "phone numbers would repeat")
    local phone = string.format("+49151%d%d%06d", run, thread_number or 0, counter)
    local body = string.format(
      '{"visitor":{"fullName":"Soak Visitor %d","phoneNumber":"%s"},"hostId":"%s","purpose":"Soak"}', counter, phone, host)
    return wrk.format("POST", "/api/visits", nil, body)
  elseif slot < 4 and #created > 0 then
    return wrk.format("GET", "/api/visits/" .. created[(counter % #created) + 1])
  end
  return wrk.format("GET", "/api/visits?page=1&pageSize=20")
end

response = function(status, headers, body)
  if status == 201 and #created < 1000 then
    local id = string.match(body, '"id":"([0-9a-f%-]+)"')
    if id ~= nil then
      created[#created + 1] = id
    end
  end
end

done = common.done
