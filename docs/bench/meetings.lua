-- wrk script: POST /api/v1/meetings, then GET /api/v1/meetings/<id> of a created meeting.
-- Each thread keeps a queue of ids created by its POSTs; a request is a GET when one is queued.
-- Usage: TOKEN=<bearer> wrk -t2 -c16 -d10s -s docs/bench/meetings.lua http://127.0.0.1:38180
local token = os.getenv("TOKEN")
local threads = {}
-- globals, not locals: done() reads them from each thread with thread:get()
ids, posts, gets, created, fetched = {}, 0, 0, 0, 0

function setup(thread) table.insert(threads, thread) end

function request()
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  local id = table.remove(ids)
  if id then
    gets = gets + 1
    return wrk.format("GET", "/api/v1/meetings/" .. id, headers)
  end
  posts = posts + 1
  return wrk.format("POST", "/api/v1/meetings", headers, '{"title":"wrk bench"}')
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
    local id = body:match('"meeting_id"%s*:%s*"([^"]+)"')
    if id then table.insert(ids, id) end
  elseif status == 200 then
    fetched = fetched + 1
  end
end

function done(summary, latency, requests)
  local p, g, c, f = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    p = p + t:get("posts"); g = g + t:get("gets"); c = c + t:get("created"); f = f + t:get("fetched")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("POST sent %d (201: %d), GET sent %d (200: %d), non-2xx/3xx %d\n", p, c, g, f,
    summary.errors.status))
  io.write(string.format("create+get pairs/s %.0f; all requests/s %.0f; p50 %.2f ms p99 %.2f ms\n",
    f / secs, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
