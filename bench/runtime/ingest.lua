-- wrk script for scripts/bench-runtime (ingest): the same authenticated Gladly delivery POSTed to every URL
-- measured (the webhook and the bare reference endpoints), so that only the server side differs.
-- Arguments (after wrk's "--"): <x-api-key> <event type, e.g. PING>
-- Each request carries a fresh event id (the webhook answers PING and unhandled types without a Gladly
-- call, and without looking the id up, so ids only keep the body realistic).

local body_prefix, body_suffix
local counter = 0

function init(args)
  local key = args[1] or error("bench/runtime/ingest.lua: pass the x-api-key")
  local type = args[2] or "PING"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["x-api-key"] = key
  wrk.headers["User-Agent"] = "Gladly-Webhooks (bench)"
  body_prefix = '{"id":"bench-' .. tostring(math.random(100000, 999999)) .. '-'
  body_suffix = '","type":"' .. type .. '","timestamp":"2026-11-23T22:00:00.000Z","initiator":{"id":"bench",'
    .. '"type":"CUSTOMER"},"content":{"sessionId":"bench-session","conversationId":"bench-conversation",'
    .. '"customerId":"bench-customer","message":{"id":"bench-message","content":{"type":"TEXT",'
    .. '"body":"where is my order?"}}}}'
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, body_prefix .. counter .. body_suffix)
end

-- done(): the summary line shared with the other wrk script, in bench/wrk-report.lua
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../wrk-report.lua")
