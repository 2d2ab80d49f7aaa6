-- POST /api/auth/login, rotating over the e-mails in BENCH_EMAILS_FILE, all with the password BENCH_PASSWORD.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local emails
local index
local password = os.getenv("BENCH_PASSWORD")

setup = common.setup
init = function(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  emails = common.lines("BENCH_EMAILS_FILE")
  index = (thread_number or 0) * 101 % #emails
  assert(password ~= nil and password ~= "", "BENCH_PASSWORD is not set")
end

request = function()
  index = index % #emails + 1
  return wrk.format(nil, nil, nil, string.format('{"email":"%s","password":"%s"}', emails[index], password))
end

done = common.done
