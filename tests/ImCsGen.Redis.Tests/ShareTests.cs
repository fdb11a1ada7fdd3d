using System;
using System.Collections.Generic;
using System.Linq;
using ImCsGen.Transport;
using Xunit;

namespace ImCsGen.Redis.Tests;

/// <summary>
/// The instance's share at the switch from Redis, on a simulated timeline (microseconds, no clock, no Redis): the
/// App's bucket as the Lua script keeps it, 4 instances of busy loops, Redis lost in the middle. The calls Redis
/// admitted in the current second and the shares' calls together must fit the App's limit in every second, wherever
/// the second starts.
/// </summary>
public sealed class ShareTests
{
    private const int Limit = 200;
    private const int Instances = 4;
    private const int LoopsPerInstance = 8;
    private const long Second = 1_000_000;

    [Fact]
    public void Seeded_shares_continue_the_Apps_schedule_and_no_second_passes_the_limit()
    {
        var places = Simulate(seed: true, bounded: true);

        // The in-process bucket's guarantee: the limit less 1% for jitter.
        Assert.InRange(MostInAnySecond(places), Limit * 9 / 10, Limit - (Limit / 100));
    }

    [Fact]
    public void Shares_start_after_every_instances_places_when_each_instance_holds_a_bounded_number_ahead()
    {
        // 24 loops per instance that started together keep their places in one block each (the proof's processes):
        // an instance may not have asked Redis for a quarter of a second when it is lost, while the others took
        // places after its last answer. The bound on places ahead puts every share's start after all of them.
        var places = Simulate(seed: true, loopsPerInstance: 24, clustered: true, bounded: true);
        Assert.InRange(MostInAnySecond(places), Limit * 9 / 10, Limit - (Limit / 100));
    }

    [Fact]
    public void A_share_seeded_only_from_its_own_last_answer_passes_the_limit_when_places_come_in_blocks()
    {
        // The control (the proof's 60007 of session 5): without the bound, a share starts after the schedule as its
        // instance last heard it, before the places the other instances took since.
        Assert.True(MostInAnySecond(Simulate(seed: true, loopsPerInstance: 24, clustered: true, bounded: false)) > Limit);
    }

    [Fact]
    public void A_share_that_ignores_the_Apps_use_this_second_passes_the_limit()
    {
        // The control: shares that start fresh at the switch (what the seed prevents) grant calls the App already used.
        Assert.True(MostInAnySecond(Simulate(seed: false)) > Limit);
    }

    [Fact]
    public void The_quota_share_counts_the_Apps_items_still_in_the_window()
    {
        // 10 items a window shared by 2 instances: 5 each. Redis last said 6 items of the App were in the window,
        // the latest admitted at t=500: this instance's part is 3, so 2 more fit at once and a third waits for the
        // window to pass (500 + 1000). Places are never earlier than the App's latest admission.
        var share = new ImQuotaShare(5, 1000, 2);
        share.Seed(500, 6);
        Assert.Equal(500, share.Reserve(400, 2, 10_000));
        Assert.Equal(1500, share.Reserve(400, 1, 10_000));

        // A place further ahead than the longest wait is refused, and nothing is taken.
        var other = new ImQuotaShare(5, 1000, 2);
        other.Seed(0, 10);
        Assert.Equal(-1, other.Reserve(0, 1, 999));
        Assert.Equal(1000, other.Reserve(0, 5, 1000));
    }

    [Fact]
    public void The_call_share_paces_one_call_every_InstanceCount_intervals_after_the_seed_and_its_margin()
    {
        var share = new ImCallShare(interval: 40, margin: 100);
        Assert.Equal(0, share.Reserve(0, 1, 1000));
        share.Seed(500, 0);
        Assert.Equal(600, share.Reserve(0, 1, 1000));
        Assert.Equal(640, share.Reserve(0, 1, 1000));

        // An older seed never moves the schedule back.
        share.Seed(0, 0);
        Assert.Equal(680, share.Reserve(0, 1, 1000));
        Assert.Equal(-1, share.Reserve(0, 1, 100));
    }

    // The factory's arithmetic (ImRedisRateLimiterFactory.CreateCallLimiter) in microseconds, the Lua bucket in C#.
    // clustered: an instance's loops are numbered together (they reserve their first places in one block);
    // bounded: each instance holds at most the factory's number of places ahead, and a share starts no earlier than
    // the horizon after the switch (as ImRedisSharedLimiter.FallBack); otherwise after the instance's last answer.
    private static List<long> Simulate(bool seed, int loopsPerInstance = LoopsPerInstance, bool clustered = false, bool bounded = false)
    {
        var (burst, period) = ImLocalRateLimiters.Shape(Limit);
        var interval = (long)Math.Ceiling(period.Ticks / 10.0 / burst);
        var tolerance = (burst - 1) * interval;
        var ahead = bounded ? (int)((ImRedisRateLimiterFactory.HorizonMicroseconds + (interval * Instances) - 1) / (interval * Instances)) : int.MaxValue;
        var horizon = bounded ? (((long)ahead * Instances) + 1) * interval : 0;
        var shares = Enumerable.Range(0, Instances).Select(_ => new ImCallShare(interval * Instances, (burst + Instances) * interval)).ToArray();
        var latest = new long[Instances];
        var held = Enumerable.Range(0, Instances).Select(_ => new List<long>()).ToArray();
        var places = new List<long>();

        // Each loop calls again 1 ms after its previous call went (the HTTP round trip to the emulator).
        var free = new long[Instances * loopsPerInstance];
        var redisLost = 1_500_000L;
        long tat = 0;
        var switched = new bool[Instances];
        while (true)
        {
            var loop = Array.IndexOf(free, free.Min());
            var now = free[loop];
            if (now > 3 * Second)
            {
                break;
            }

            var instance = clustered ? loop / loopsPerInstance : loop % Instances;
            long place;
            if (now < redisLost)
            {
                // The instance's places still ahead; with all its turns taken, the loop waits for the first to come.
                var mine = held[instance];
                mine.RemoveAll(p => p <= now);
                if (mine.Count >= ahead)
                {
                    free[loop] = mine.Min();
                    continue;
                }

                if (tat < now)
                {
                    tat = now;
                }

                place = Math.Max(now, tat - tolerance);
                tat += interval;
                latest[instance] = tat - tolerance;
                mine.Add(place);
            }
            else
            {
                if (!switched[instance])
                {
                    switched[instance] = true;
                    if (seed)
                    {
                        shares[instance].Seed(Math.Max(latest[instance], now + horizon), 0);
                    }
                }

                place = shares[instance].Reserve(now, 1, long.MaxValue / 4);
            }

            places.Add(place);
            free[loop] = place + 1000;
        }

        return places;
    }

    private static int MostInAnySecond(List<long> places)
    {
        var sorted = places.Where(p => p < 2_900_000).OrderBy(p => p).ToArray();
        var most = 0;
        for (int head = 0, tail = 0; head < sorted.Length; head++)
        {
            while (sorted[head] - sorted[tail] >= Second)
            {
                tail++;
            }

            most = Math.Max(most, head - tail + 1);
        }

        return most;
    }
}
