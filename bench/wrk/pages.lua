-- GET the paths given after "--" in turn; a "cookie=<value>" argument sends that cookie.
-- Prints one machine-readable BENCH line (p95 is not in wrk's own report).
local paths, index = {}, 0

function init(args)
  for _, arg in ipairs(args) do
    if arg:sub(1, 7) == "cookie=" then
      wrk.headers["Cookie"] = arg:sub(8)
    else
      paths[#paths + 1] = arg
    end
  end
  wrk.headers["X-Forwarded-Proto"] = "https"
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
