-- wrk script: GETs the paths given after `--` in turn, with the simulator's credentials.
local paths = {}
local n = 0

function init(args)
  for i = 1, #args do paths[i] = args[i] end
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1],
                    { ["Authorization"] = "Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh" })
end
