-- scripts/bench.d/wrk.lua: the wrk script of scripts/bench. GETs the paths listed in the file
-- $BENCH_PATHS (one per line) in turn, each thread from its own offset, with the header lines
-- of $BENCH_HEADERS ("Name: value" separated by "|"; e.g. Basic auth or a session cookie).
-- At the end it prints one line "BENCHJSON {...}" with the counts and latency percentiles.
local paths = {}
local headers = {}
local n = 0
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(os.getenv("BENCH_PATHS"), "r"))
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
  assert(#paths > 0, "no paths in " .. os.getenv("BENCH_PATHS"))
  for spec in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^|]+") do
    local name, value = string.match(spec, "^%s*([^:]+):%s*(.*)$")
    if name then headers[name] = value end
  end
  n = offset or 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCHJSON {"requests": %d, "seconds": %.3f, "rps": %.1f, "errors": %d, ' ..
    '"non_2xx_3xx": %d, "socket_errors": %d, "timeouts": %d, "p50_ms": %.3f, "p90_ms": %.3f, ' ..
    '"p99_ms": %.3f, "max_ms": %.3f, "mean_ms": %.3f, "bytes": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    e.connect + e.read + e.write + e.status + e.timeout, e.status,
    e.connect + e.read + e.write, e.timeout,
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3, latency.mean / 1e3, summary.bytes))
end
