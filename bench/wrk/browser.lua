-- Replay the requests of browsers prepared by bench/browser.py, as the browser would:
-- a redirect is followed at once with a GET of its Location, sending the cookie it set;
-- a JSON vote counts only if its answer says "ok": true.
--
-- Run with one connection per thread: wrk keeps one Lua state per thread, and what a
-- browser sends next depends on the answer to its last request on that connection.
--
-- What is counted and timed is a prepared request together with the redirect it leads
-- to (a vote without JavaScript and the page it lands on), from the moment it is sent
-- to the last answer: wrk's own latencies are per HTTP request. The BENCH line is
-- report.lua's, with the HTTP requests, the votes cast and whether the file ran out.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *now);
]]
local CLOCK_MONOTONIC, clock = 1, ffi.new("bench_timespec")

local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end

local threads = {}

function setup(thread)
  thread:set("number", #threads)
  threads[#threads + 1] = thread
end

-- Read back by done() through thread:get, so global.
latencies, votes, failed, spent = {}, 0, 0, false
-- The request under way is requests[index], or `follow` once it has redirected; only
-- its answer moves on: wrk also calls request() once before it starts, to check it.
local requests, index, started, follow = {}, 1, 0, nil

function init(args)
  local file = assert(io.open(args[1] .. "." .. number, "rb"))
  while true do
    local size = file:read("*l")
    if not size then break end
    requests[#requests + 1] = file:read(tonumber(size))
  end
  file:close()
end

function request()
  if follow then return follow end
  if index > #requests then
    -- Every prepared request is spent: stop rather than repeat one (a vote is cast
    -- once). What is returned may still be sent: the home page, harmless.
    spent = true
    wrk.thread:stop()
    return wrk.format("GET", "/")
  end
  started = now_us()
  return requests[index]
end

-- The GET a browser sends where a redirect points: the headers it sent, but those of
-- the form's body, and with the cookie the redirect set beside the ones it had.
local function follow_redirect(sent, location, set_cookie)
  local head = sent:sub(1, sent:find("\r\n\r\n", 1, true) - 1)
  local headers = {}
  for name, value in head:gmatch("\r\n([^:\r\n]+): ([^\r\n]*)") do
    if name ~= "Host" and name ~= "Origin" and name ~= "Content-Type"
        and name ~= "Content-Length" then
      headers[name] = value
    end
  end
  -- wrk hands over one header per name: a vote sets only its notice cookie.
  if set_cookie then
    headers["Cookie"] = headers["Cookie"] .. "; " .. set_cookie:match("^[^;]+")
  end
  -- A browser keeps the fragment (the card voted on) to itself.
  local path = location:gsub("^https?://[^/]+", ""):gsub("#.*$", "")
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if index > #requests then return end
  local sent = requests[index]
  if status >= 300 and status < 400 and headers["Location"] then
    follow = follow_redirect(sent, headers["Location"], headers["Set-Cookie"])
    return
  end
  follow = nil
  local ok = status < 400
  if sent:find("\r\nAccept: application/json\r\n", 1, true) then
    ok = status == 200 and body:find('"ok"%s*:%s*true') ~= nil
    -- wrk counts a status of 400 or more itself; count the rest here.
    if not ok and status < 400 then failed = failed + 1 end
  end
  if ok and sent:sub(1, 5) == "POST " then votes = votes + 1 end
  latencies[#latencies + 1] = now_us() - started
  index = index + 1
end

function done(summary)
  local all, cast, bad, ran_out = {}, 0, 0, false
  for _, thread in ipairs(threads) do
    for _, us in ipairs(thread:get("latencies")) do all[#all + 1] = us end
    cast = cast + thread:get("votes")
    bad = bad + thread:get("failed")
    ran_out = ran_out or thread:get("spent")
  end
  table.sort(all)
  local function ms(percent)
    return (all[math.max(1, math.ceil(#all * percent / 100))] or 0) / 1000
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "http_requests": %d, "duration_us": %d, "errors": %d, ' ..
    '"status_errors": %d, "votes": %d, "spent": %s, "p50": %.3f, "p95": %.3f, "p99": %.3f}\n',
    #all, summary.requests, summary.duration,
    e.connect + e.read + e.write + e.status + e.timeout + bad, e.status, cast,
    tostring(ran_out), ms(50), ms(95), ms(99)))
end
