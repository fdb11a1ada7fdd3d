namespace ImCsGen.Redis;

/// <summary>
/// The two Lua scripts that keep the App-wide limits. Both run atomically on the server, read the server's
/// clock (TIME: one clock for every instance, whatever the hosts' clocks say) and hand out reservations: the
/// answer is {1, wait, latest, used} (the call may go after <c>wait</c> microseconds, its place is kept) or
/// {0, wait, latest, used} (it would have to wait longer than allowed; nothing was taken). One round trip per
/// call, and waiting calls never poll. <c>latest</c> (µs from now) and <c>used</c> describe the App's use after
/// the answer, for the instance's share should Redis become unreachable: how far ahead the App's schedule is
/// taken, and (quotas) how many items are in the window.
/// Times are whole microseconds of the server clock, written with %.0f so that Lua's doubles (exact to 2^53)
/// never turn into exponent notation.
/// </summary>
internal static class ImRedisScripts
{
    /// <summary>
    /// Calls per second as a token bucket in GCRA form: KEYS[1] holds the theoretical arrival time (TAT) of the
    /// next call. A bucket of <c>burst</c> tokens refilled one token per <c>interval</c> admits a call at
    /// max(now, TAT - (burst - 1) * interval) and moves TAT on by interval * permits. So no span of L
    /// microseconds, wherever it starts, admits more than burst + L / interval calls: the in-process bucket's bound.
    /// ARGV: interval (µs per permit), tolerance ((burst - 1) * interval, µs), permits, longest wait (µs).
    /// <c>latest</c> is TAT - tolerance: where the next call would be admitted, after every place given out.
    /// </summary>
    public const string CallBucket = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local interval = tonumber(ARGV[1])
        local tolerance = tonumber(ARGV[2])
        local permits = tonumber(ARGV[3])
        local longest = tonumber(ARGV[4])
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tat < now then tat = now end
        local admit = tat - tolerance
        if admit < now then admit = now end
        local wait = admit - now
        if wait > longest then return {0, string.format('%.0f', wait), string.format('%.0f', admit - now), '0'} end
        tat = tat + interval * permits
        redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.floor((tat - now) / 1000) + 1000)
        return {1, string.format('%.0f', wait), string.format('%.0f', tat - tolerance - now), '0'}
        """;

    /// <summary>
    /// A quota counted in items (batchsendmsg: recipients) over a sliding window: KEYS[1] is a sorted set of
    /// admitted calls, score = admission time, member = "time:items:id". A call of n items is admitted at the
    /// first moment, no earlier than now and than the last admission (first come, first served), at which the
    /// items admitted in the window before it plus n fit the quota; older entries leave the window one by one.
    /// ARGV: window (µs), items per window, items of this call, longest wait (µs), unique id.
    /// </summary>
    public const string QuotaWindow = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local window = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        local items = tonumber(ARGV[3])
        local longest = tonumber(ARGV[4])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - window))
        local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
        local used = 0
        local admit = now
        for i = 1, #entries, 2 do
          used = used + tonumber(string.match(entries[i], '^%d+:(%d+):'))
          local score = tonumber(entries[i + 1])
          if score > admit then admit = score end
        end
        local total = used
        local latest = admit
        local i = 1
        while used + items > limit and i <= #entries do
          used = used - tonumber(string.match(entries[i], '^%d+:(%d+):'))
          local leaves = tonumber(entries[i + 1]) + window
          if leaves > admit then admit = leaves end
          i = i + 2
        end
        local wait = admit - now
        if used + items > limit or wait > longest then return {0, string.format('%.0f', wait), string.format('%.0f', latest - now), string.format('%d', total)} end
        redis.call('ZADD', KEYS[1], string.format('%.0f', admit), string.format('%.0f', admit) .. ':' .. string.format('%d', items) .. ':' .. ARGV[5])
        redis.call('PEXPIRE', KEYS[1], math.floor((admit - now + window) / 1000) + 1000)
        return {1, string.format('%.0f', wait), string.format('%.0f', admit - now), string.format('%d', total + items)}
        """;
}
