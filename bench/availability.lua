-- wrk script: GET /api/v1/availability, the next 10 open starts of type TYPE for a random
-- provider in PMIN..PMAX (or for any provider when PMIN is empty), signed in with TOKEN.
local token, t = os.getenv("TOKEN"), os.getenv("TYPE")
local lo, hi = tonumber(os.getenv("PMIN") or ""), tonumber(os.getenv("PMAX") or "")
local counter = 0
function setup(thread) counter = counter + 1; thread:set("seed", counter) end
function init(args) math.randomseed(seed * 7919) end
function request()
  local q = "/api/v1/availability?limit=10&type_id=" .. t
  if lo then q = q .. "&provider_id=" .. math.random(lo, hi) end
  return wrk.format("GET", q, { ["Authorization"] = "Bearer " .. token })
end
