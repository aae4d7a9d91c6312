-- wrk script: GET /api/v1/patients/{id} for random ids in 1..NPAT, signed in with TOKEN.
local token = os.getenv("TOKEN")
local n = tonumber(os.getenv("NPAT"))
local counter = 0
function setup(thread) counter = counter + 1; thread:set("seed", counter) end
function init(args) math.randomseed(seed * 7919) end
function request()
  return wrk.format("GET", "/api/v1/patients/" .. math.random(1, n), { ["Authorization"] = "Bearer " .. token })
end
