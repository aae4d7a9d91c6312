-- wrk script: GET /api/v1/patients?q=<prefix>&limit=20 with common name prefixes.
local token = os.getenv("TOKEN")
local words = { "smi", "john", "garc", "mart", "will", "brow", "lee", "mar", "ro", "nguy", "davi", "tho",
  "smith j", "garcia m", "kim", "pat", "wil", "and", "tay", "white", "harr", "cla", "lew", "rob" }
local counter = 0
function setup(thread) counter = counter + 1; thread:set("seed", counter) end
function init(args) math.randomseed(seed * 104729) end
function request()
  local q = words[math.random(1, #words)]:gsub(" ", "+")
  return wrk.format("GET", "/api/v1/patients?limit=20&q=" .. q, { ["Authorization"] = "Bearer " .. token })
end
