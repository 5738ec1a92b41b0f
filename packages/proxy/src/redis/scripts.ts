// The Redis store's Lua scripts: each runs atomically on the server, so no instance ever reads a value and
// writes back a decision another instance has changed in between. Times come from the server's clock (TIME),
// one clock for every instance.

/**
 * KEYS[1] an owner's places (a sorted set of place ids by expiry), KEYS[2] its line (tickets by arrival, in µs),
 * KEYS[3] the line's expiries (tickets by expiry); ARGV limit, ttlMs, place id, then a ticket id and holdMs, or
 * "" and 0 for a call without one. A place goes only where fewer live tickets are ahead than places are free.
 */
export const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local free = tonumber(ARGV[1]) - redis.call('ZCARD', KEYS[1])
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for i = 1, #lapsed do
  redis.call('ZREM', KEYS[2], lapsed[i])
  redis.call('ZREM', KEYS[3], lapsed[i])
end
local ticket = ARGV[4]
local ahead = redis.call('ZCARD', KEYS[2])
local rank = false
if ticket ~= '' then rank = redis.call('ZRANK', KEYS[2], ticket) end
if rank then ahead = rank end
if ahead >= free then
  if ticket ~= '' then
    local hold = tonumber(ARGV[5])
    if not rank then redis.call('ZADD', KEYS[2], tonumber(t[1]) * 1000000 + tonumber(t[2]), ticket) end
    redis.call('ZADD', KEYS[3], now + hold, ticket)
    for k = 2, 3 do
      if redis.call('PTTL', KEYS[k]) < hold then redis.call('PEXPIRE', KEYS[k], hold) end
    end
  end
  return false
end
if rank then
  redis.call('ZREM', KEYS[2], ticket)
  redis.call('ZREM', KEYS[3], ticket)
end
local ttl = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return 1
`;

/** KEYS[1] an owner's places, KEYS[2] its line, KEYS[3] the line's expiries; ARGV a place or ticket id. */
export const CANCEL = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
`;

/** KEYS[1] the task (a hash); ARGV client, origin, ttlMs, then owner and place id pairs. */
export const BIND = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'client', ARGV[1], 'origin', ARGV[2])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], 'place:' .. ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** KEYS[1] the task; ARGV the prefix of owners' place sets. Frees the task's places, keeps its binding. */
export const RELEASE = `
local fields = redis.call('HGETALL', KEYS[1])
local freed = 0
for i = 1, #fields, 2 do
  local owner = string.match(fields[i], '^place:(.*)$')
  if owner then
    redis.call('ZREM', ARGV[1] .. owner, fields[i + 1])
    redis.call('HDEL', KEYS[1], fields[i])
    freed = freed + 1
  end
end
return freed
`;

/**
 * KEYS[1] the claim: "p" + token while pending, "d" + value once settled; ARGV token, leaseMs. Nil when
 * claimed now, else the holder's value.
 */
export const CLAIM = `
if redis.call('SET', KEYS[1], 'p' .. ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
`;

/**
 * KEYS[1] the claim; ARGV value, ttlMs, token. Written while the key is free or pending under this token: a claim
 * already settled keeps its value, and one another run took after this one's lease ran out is left to it.
 */
export const SETTLE = `
local held = redis.call('GET', KEYS[1])
if held and held ~= 'p' .. ARGV[3] then return 0 end
redis.call('SET', KEYS[1], 'd' .. ARGV[1], 'PX', ARGV[2])
return 1
`;

/** KEYS[1] the claim; ARGV token. Only the holder's pending claim is dropped. */
export const ABANDON = `
if redis.call('GET', KEYS[1]) == 'p' .. ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** KEYS[1] the claim; ARGV token, leaseMs. Only the holder's pending claim is extended; 1 when it was. */
export const RENEW = `
if redis.call('GET', KEYS[1]) == 'p' .. ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
