using System;
using System.Collections.Generic;
using System.Linq;

namespace ImCsGen.Emulator.Faults;

/// <summary>Holds the fault rules and decides, per call, whether one fires (seeded, so runs replay).</summary>
public sealed class FaultInjector
{
    private readonly object _sync = new();
    private readonly List<FaultRule> _rules = new();
    private readonly Dictionary<FaultKind, int> _fired = new();
    private Random _random;

    internal FaultInjector(int seed) => _random = new Random(seed);

    /// <summary>Adds a rule.</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Probability is < 0 or > 1 || double.IsNaN(rule.Probability))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "Probability must be within 0..1.");
        }

        lock (_sync)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    /// <summary>Removes every rule and zeroes the counters; <paramref name="seed"/> restarts the draws.</summary>
    public void Clear(int? seed = null)
    {
        lock (_sync)
        {
            _rules.Clear();
            _fired.Clear();
            if (seed is not null)
            {
                _random = new Random(seed.Value);
            }
        }
    }

    /// <summary>A snapshot of the rules.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_sync)
            {
                return _rules.ToList();
            }
        }
    }

    /// <summary>How many faults of <paramref name="kind"/> fired.</summary>
    public int FiredCount(FaultKind kind)
    {
        lock (_sync)
        {
            return _fired.TryGetValue(kind, out var n) ? n : 0;
        }
    }

    /// <summary>All faults fired.</summary>
    public int TotalFired
    {
        get
        {
            lock (_sync)
            {
                return _fired.Values.Sum();
            }
        }
    }

    internal FaultRule? Pick(string path)
    {
        lock (_sync)
        {
            if (_rules.Count == 0)
            {
                return null;
            }

            var draw = _random.NextDouble();
            var cumulative = 0.0;
            foreach (var rule in _rules)
            {
                if (!rule.Matches(path) || rule.Remaining is <= 0)
                {
                    continue;
                }

                cumulative += rule.Probability;
                if (draw < cumulative)
                {
                    if (rule.Remaining is not null)
                    {
                        rule.Remaining--;
                    }

                    rule.Fired++;
                    _fired[rule.Kind] = (_fired.TryGetValue(rule.Kind, out var n) ? n : 0) + 1;
                    return rule;
                }
            }

            return null;
        }
    }
}
