-- wrk script for bench/load.py: POST /quiz/answer as logged-in learners, or a plain GET.
-- Arguments (after wrk's "--"): MODE DATAFILE [START_1 START_2 ...]
--   MODE "answer": DATAFILE (written by load.py) defines `sessions` (one {cookie, token}
--     per learner, the token already URL-encoded) and `questions` (one {id, right, wrong}
--     per question, the payloads already form-encoded). Thread t (1-based) answers as the
--     learners t, t + T, t + 2T... in turn; its k-th request (k from START_t) answers
--     question floor(k / n) mod #questions (n: its learners) with card_version
--     floor(k / (n * #questions)), so every (learner, question, version) is sent once and
--     no two connections race on a card. (LuaJIT: Lua 5.1, no // operator.)
--   MODE "get": plain GETs of the URL's path; anything but a 200 is an error.
-- done() prints one line "WRK_JSON {...}" that load.py reads.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  mode = args[1]
  ok, bad, stale, sent = 0, 0, 0, 0
  first_errors = ""
  if mode ~= "answer" then return end
  dofile(args[2])
  local nthreads = #args - 2
  mine = {}
  for index = id, #sessions, nthreads do table.insert(mine, sessions[index]) end
  k = tonumber(args[2 + id])
  start = k
end

function request()
  if mode ~= "answer" then return wrk.format("GET", nil) end
  local n = #mine
  local learner = mine[(k % n) + 1]
  local step = math.floor(k / n)
  local question = questions[(step % #questions) + 1]
  local version = math.floor(step / #questions)
  local payload = question.right
  if k % 4 == 3 then payload = question.wrong end
  local body = "csrf_token=" .. learner.token .. "&question_id=" .. question.id
    .. "&card_version=" .. version .. "&shown_at=" .. (os.time() * 1000 - 4000)
    .. "&" .. payload
  k = k + 1
  sent = sent + 1
  return wrk.format("POST", "/quiz/answer", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = learner.cookie,
  }, body)
end

function response(status, headers, body)
  local good
  if mode == "answer" then
    good = status == 302 and string.find(headers["Location"] or "", "/quiz/result/", 1, true)
  else
    good = status == 200
  end
  if good then
    ok = ok + 1
  elseif mode == "answer" and status == 302 and headers["Location"] == "/quiz" then
    -- The server refused a stale version: this card's previous version was one of the
    -- requests wrk had built but never sent when the previous round ended, so the
    -- server never saw it. Correct behaviour, not an error; reported apart.
    stale = stale + 1
  else
    bad = bad + 1
    if bad <= 5 then first_errors = first_errors .. status .. " " .. (headers["Location"] or "") .. ";" end
  end
end

function done(summary, latency, requests)
  local per = {}
  local total_ok, total_bad, total_stale, ends, errors = 0, 0, 0, {}, {}
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_bad = total_bad + thread:get("bad")
    total_stale = total_stale + thread:get("stale")
    if thread:get("mode") == "answer" then table.insert(ends, tostring(thread:get("k"))) end
    local text = thread:get("first_errors")
    if text ~= "" then table.insert(errors, text) end
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "ok": %d, "bad": %d, "stale": %d, '
    .. '"socket_errors": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "mean_us": %.1f, '
    .. '"max_us": %d, "ends": [%s], "first_errors": "%s"}\n',
    summary.requests, summary.duration, total_ok, total_bad, total_stale,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean,
    latency.max, table.concat(ends, ", "), table.concat(errors, " | ")))
end
