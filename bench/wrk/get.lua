-- A GET of the URL given to wrk, with the bearer token when BENCH_TOKEN is set.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
init = function(args)
  common.headers()
end
done = common.done
