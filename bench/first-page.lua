-- wrk script: GET the first page (per_page=25) of a different owner's calls on each
-- request, cycling through the ids in the file named by IDS, so the benchmark reads the
-- whole data set rather than one cached page. OWNER is "contacts" or "companies".
-- With TAGS instead of IDS (a file of "id etag" lines, from bench/tags.py), each request
-- carries the If-None-Match an open widget would send: a refresh that finds nothing new,
-- answered 304.
local owners = {}
local owner = os.getenv("OWNER") or "contacts"
local tagged = os.getenv("TAGS")
for line in io.lines(tagged or os.getenv("IDS")) do
  local id, etag = line:match("^(%S+) ?(.*)$")
  if id then owners[#owners + 1] = { id, etag } end
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
  local asked = owners[(n % #owners) + 1]
  local headers = { ["Authorization"] = "Bearer bench-token" }
  if tagged then headers["If-None-Match"] = asked[2] end
  return wrk.format("GET", "/api/" .. owner .. "/" .. asked[1] .. "/calls.json?per_page=25", headers)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT owner=%s%s requests=%d errors=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    owner, tagged and " answer=304" or "", summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
