-- GET /api/visits/{id}, rotating over the ids in BENCH_IDS_FILE (one per line), each thread from its own offset.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local ids
local index

setup = common.setup
init = function(args)
  common.headers()
  ids = common.lines("BENCH_IDS_FILE")
  index = (thread_number or 0) * 7919 % #ids
end

request = function()
  index = index % #ids + 1
  return wrk.format("GET", "/api/visits/" .. ids[index])
end

done = common.done
