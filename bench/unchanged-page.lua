-- wrk script: the refresh of an open widget that finds nothing new. GET the first page
-- (per_page=25) of a different owner's calls on each request with the If-None-Match its
-- last answer gave (the file named by TAGS: "id etag" lines, from bench/tags.py), so each
-- answer is a 304. OWNER is "contacts" or "companies".
local tags = {}
local owner = os.getenv("OWNER") or "contacts"
for line in io.lines(os.getenv("TAGS")) do
  local id, etag = line:match("^(%S+) (.+)$")
  if id then tags[#tags + 1] = { id, etag } end
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
  local tag = tags[(n % #tags) + 1]
  return wrk.format("GET", "/api/" .. owner .. "/" .. tag[1] .. "/calls.json?per_page=25",
    { ["Authorization"] = "Bearer bench-token", ["If-None-Match"] = tag[2] })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT owner=%s answer=304 requests=%d errors=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    owner, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
