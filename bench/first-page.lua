-- wrk script: GET the first page (per_page=25) of a different owner's calls on each
-- request, cycling through the ids in the file named by IDS, so the benchmark reads the
-- whole data set rather than one cached page. OWNER is "contacts" or "companies".
local ids = {}
local owner = os.getenv("OWNER") or "contacts"
for line in io.lines(os.getenv("IDS")) do
  if #line > 0 then ids[#ids + 1] = line end
end
local counter = 0

function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end

function init(args)
  n = offset or 0
end

request = function()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  return wrk.format("GET", "/api/" .. owner .. "/" .. id .. "/calls.json?per_page=25",
    { ["Authorization"] = "Bearer bench-token" })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT owner=%s requests=%d errors=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    owner, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
