-- wrk script for scripts/bench-sim: a mix of the Gladly API calls an integration makes, with Basic auth.
-- Arguments (after wrk's "--"): <basic-auth user:token> <conversation id> [<conversation id> ...]
-- Mix per 20 requests: 6 GET /api/v1/organization, 4 GET /api/v1/inboxes,
--                      6 GET /api/v1/conversations/{id}, 4 POST /api/v1/conversations/{id}/notes.

local b64chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
local function base64(data)
  return ((data:gsub('.', function(x)
    local r, byte = '', x:byte()
    for i = 8, 1, -1 do r = r .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end) .. '0000'):gsub('%d%d%d?%d?%d?%d?', function(x)
    if #x < 6 then return '' end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
    return b64chars:sub(c + 1, c + 1)
  end) .. ({ '', '==', '=' })[#data % 3 + 1])
end

local threads = {}
local thread_counter = 0

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("thread_id", thread_counter)
  table.insert(threads, thread)
end

local pool = {}
local index = 0

function init(args)
  local auth = "Basic " .. base64(args[1])
  local conversations = {}
  for i = 2, #args do conversations[#conversations + 1] = args[i] end
  if #conversations == 0 then error("bench/sim/mixed.lua: pass at least one conversation id") end
  local get = { ["Authorization"] = auth, ["Accept"] = "application/json" }
  local post = { ["Authorization"] = auth, ["Accept"] = "application/json", ["Content-Type"] = "application/json" }
  local note = '{"content":{"body":"Benchmark note: customer asked about order #1234."}}'
  local c = 0
  local function conv() c = c % #conversations + 1; return conversations[c] end
  -- a fixed interleaving, so that every connection sends the same mix
  local plan = { "org", "conv", "inboxes", "note", "org", "conv", "org", "inboxes", "conv", "note",
                 "org", "conv", "inboxes", "note", "org", "conv", "org", "inboxes", "conv", "note" }
  for round = 1, #conversations do
    for _, kind in ipairs(plan) do
      local r
      if kind == "org" then r = wrk.format("GET", "/api/v1/organization", get)
      elseif kind == "inboxes" then r = wrk.format("GET", "/api/v1/inboxes", get)
      elseif kind == "conv" then r = wrk.format("GET", "/api/v1/conversations/" .. conv(), get)
      else r = wrk.format("POST", "/api/v1/conversations/" .. conv() .. "/notes", post, note) end
      pool[#pool + 1] = r
    end
  end
  index = (thread_id or 0) * 7
end

function request()
  index = index % #pool + 1
  return pool[index]
end

-- done(): the summary line shared with the other wrk script, in bench/wrk-report.lua
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../wrk-report.lua")
