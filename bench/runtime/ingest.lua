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

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d seconds=%.2f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f " ..
    "mean_ms=%.3f err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
end
