-- wrk script for scripts/bench/http-load.ts: POSTs JSON bodies read from a file (one body per line; the file is the
-- first argument after `--`), each thread starting at its own place in the list and taking the next body for every
-- request, so the load rotates through many different questions. Counts the responses whose status is not 2xx
-- (wrk's own count leaves 3xx out) and prints the total as the last line: "non-2xx responses: N (first: STATUS)".
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  bodies = {}
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(bodies, line) end
  end
  -- two threads start half the list apart
  nextBody = (id * math.floor(#bodies / 2)) % #bodies + 1
  non2xx = 0
  firstBad = ""
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = bodies[nextBody]
  nextBody = nextBody % #bodies + 1
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if firstBad == "" then firstBad = tostring(status) .. " " .. string.sub(body or "", 1, 200) end
  end
end

function done(summary, latency, requests)
  local n = 0
  local first = ""
  for _, thread in ipairs(threads) do
    n = n + (thread:get("non2xx") or 0)
    if first == "" then first = thread:get("firstBad") or "" end
  end
  io.write(string.format("non-2xx responses: %d (first: %s)\n", n, first == "" and "none" or first))
end
