-- POST votes prepared beforehand (bench/sessions.py): one line per vote, tab-separated
-- path, session cookie, form body (with the CSRF token) and the voter's client address.
-- Thread n of N sends lines n, n+N, n+2N ...; consecutive lines belong to different voters.
local threads, requests, index = 0, {}, 0

function setup(thread)
  thread:set("number", threads)
  threads = threads + 1
end

function init(args)
  local file, total = args[1], tonumber(args[2])
  local line_number = 0
  for line in io.lines(file) do
    if line_number % total == number then
      local path, cookie, body, address = line:match("([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)")
      requests[#requests + 1] = wrk.format("POST", path, {
        ["Cookie"] = cookie,
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Forwarded-For"] = address,
        ["X-Forwarded-Proto"] = "https",
        ["Referer"] = "https://" .. wrk.host .. ":" .. wrk.port .. path,
      }, body)
    end
    line_number = line_number + 1
  end
end

function request()
  index = index + 1
  if index > #requests then
    -- Every prepared vote is spent: stop rather than repeat one (that would be refused).
    wrk.thread:stop()
    index = #requests
  end
  return requests[index]
end

dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
